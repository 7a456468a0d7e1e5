/* The same bytes whatever runs them: repeated runs, --threads 1, 2 and 7,
 * fixed and adaptive chunk sizes (BTGPU_CHUNK) and the backends, for
 * native and compiled strategies, market and bracket orders, trade and
 * per-bar statistics. Outputs compared: heatmap, statistics JSON, trades and
 * equity curve. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static char out[1 << 16], err[1 << 16];

/* the four output files of one run, concatenated */
static char *run_outputs(const char *args)
{
    char cmd[4096], names[4][64];
    const char *kinds[4] = {"heatmap", "stats", "trades", "equity"};
    for (int k = 0; k < 4; k++) /* one set of files per test process (tests run in parallel) */
        snprintf(names[k], sizeof names[k], "det-%ld-%s.out", (long)getpid(), kinds[k]);
    snprintf(cmd, sizeof cmd, "%s --heatmap %s/%s --stats %s/%s --trades %s/%s --equity %s/%s --quiet", args,
             BTGPU_TEST_TMP, names[0], BTGPU_TEST_TMP, names[1], BTGPU_TEST_TMP, names[2], BTGPU_TEST_TMP, names[3]);
    int rc = bt_test_run_cli(cmd, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "%s: %s", cmd, err);
    size_t cap = 1 << 22, n = 0;
    char *all = malloc(cap);
    cr_assert(all != NULL);
    for (int k = 0; k < 4; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", BTGPU_TEST_TMP, names[k]);
        const char *t = bt_test_slurp(path);
        size_t len = strlen(t);
        cr_assert(n + len + 8 < cap);
        memcpy(all + n, t, len);
        n += len;
        memcpy(all + n, "\n--\n", 4);
        n += 4;
    }
    all[n] = '\0';
    return all;
}

static void same_everywhere(const char *grid, int opencl)
{
    char args[2048];
    snprintf(args, sizeof args, "%s --backend reference --threads 1", grid);
    char *want = run_outputs(args);
    const char *backends[] = {"cpu", "cpu", "cpu", "cpu", "opencl"};
    const int threads[] = {1, 2, 7, 2, 2};
    const char *chunks[] = {"", "BTGPU_CHUNK=37", "BTGPU_CHUNK=1000", "", ""};
    for (int k = 0; k < (opencl ? 5 : 4); k++) {
        const char *env = chunks[k];
        if (env[0]) /* inherited by the run */
            setenv("BTGPU_CHUNK", strchr(env, '=') + 1, 1);
        else
            unsetenv("BTGPU_CHUNK");
        snprintf(args, sizeof args, "%s --backend %s --threads %d", grid, backends[k], threads[k]);
        char *got = run_outputs(args);
        cr_assert_str_eq(got, want, "%s (%s) differs from the reference", args, env[0] ? env : "adaptive chunks");
        free(got);
        /* and once more: a repeated run is the same */
        if (k == 1) {
            got = run_outputs(args);
            cr_assert_str_eq(got, want, "a repeated run of %s differs", args);
            free(got);
        }
    }
    unsetenv("BTGPU_CHUNK");
    free(want);
}

#ifdef BTGPU_HAVE_OPENCL
#define HAVE_CL 1
#else
#define HAVE_CL 0
#endif

Test(determinism, native_sma_cross_trade_and_per_bar_statistics, .timeout = 300)
{
    same_everywhere("--method grid --data synth:1500:11 --param n1=3:40:3 --param n2=10:120:7 "
                    "--constraint 'n1 < n2' --commission 0.002 --maximize SQN", HAVE_CL);
    same_everywhere("--method grid --data synth:1500:11 --param n1=3:40:3 --param n2=10:120:7 "
                    "--constraint 'n1 < n2' --maximize 'Sharpe Ratio'", HAVE_CL);
}

Test(determinism, compiled_strategies_with_brackets_and_drawdowns, .timeout = 300)
{
    same_everywhere("--method grid --data synth:1500:12 --strategy ema_cross --param n1=5:30:5 --param n2=20:80:10 "
                    "--param sl_pct=0.0,0.03 --param tp_pct=0.0,0.08 --constraint 'n1 < n2' "
                    "--maximize 'Max. Drawdown [%]'", 0);
    same_everywhere("--method grid --data synth:1500:12 --strategy rsi_threshold --param rsi_window=8:20:3 "
                    "--param lower_bound=20:40:5 --maximize 'Return [%]' --max-tries 0.5 --random-state 4", 0);
}
