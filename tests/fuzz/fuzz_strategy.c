/* fuzz_strategy.c - the strategy compiler and its interpreter: the input is
 * a Python file with a Strategy subclass. When it compiles, it runs with its
 * default parameters on a 60-bar synthetic series through the reference
 * engine, and the same single combination is searched with the reference
 * and the CPU backends (the vector executor), which must agree. Every
 * Python-level error must come back as a bt_error. */
#include "btgpu.h"
#include "compiled.h"
#include "fuzz.h"

#include <math.h>

static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bt_series s;
    static bt_options o;
    bt_error err = {0};
    if (!s.n) {
        FUZZ_CHECK(bt_series_synth(60, 7, &s, &err) == BT_OK);
        bt_options_default(&o);
    }
    char *text = fuzz_strdup(data, size);
    const bt_strategy_info *st = NULL;
    int rc = bt_strategy_from_text("fuzz", "fuzz.py", text, size, NULL, &st, &err);
    if (rc != BT_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_CHECK(st == NULL);
        free(text);
        return 0;
    }
    FUZZ_CHECK(st && st->compiled && st->n_params <= BT_MAX_STRATEGY_PARAMS);

    bt_run run = {0};
    rc = bt_run_reference(&s, st, st->param_defaults, &o, &run, &err);
    if (rc != BT_OK) {
        FUZZ_CHECK_ERROR(rc, err);
    } else {
        FUZZ_CHECK(run.n_bars == s.n && run.n_trades <= run.cap_trades);
        for (size_t t = 0; t < run.n_trades; t++)
            FUZZ_CHECK(run.trades[t].entry_bar <= run.trades[t].exit_bar && run.trades[t].exit_bar < s.n);
        bt_stats stats;
        FUZZ_CHECK(bt_stats_compute(&s, &run, &stats, &err) == BT_OK);
    }
    bt_run_free(&run);

    /* one combination (no grid), by the reference and the CPU backends */
    bt_grid g = {0};
    bt_optimize_result r[2] = {{0}};
    bt_error e[2] = {{0}};
    int rcs[2];
    for (int b = 0; b < 2; b++) {
        bt_optimize_spec spec = {.series = &s, .strategy = st, .grid = &g, .options = &o,
                                 .maximize = BT_STAT_SQN, .threads = 1,
                                 .backend = b ? BT_BACKEND_CPU : BT_BACKEND_REFERENCE};
        rcs[b] = bt_optimize(&spec, &r[b], &e[b]);
        if (rcs[b] != BT_OK)
            FUZZ_CHECK_ERROR(rcs[b], e[b]);
    }
    if ((rcs[0] == BT_OK) != (rcs[1] == BT_OK) || (rcs[0] == BT_OK && !same(r[0].best_value, r[1].best_value)))
        fprintf(stderr, "reference: %d %s %.17g; cpu: %d %s %.17g\n", rcs[0], e[0].msg, r[0].best_value, rcs[1],
                e[1].msg, r[1].best_value);
    FUZZ_CHECK(rcs[0] == rcs[1]);
    if (rcs[0] == BT_OK) {
        FUZZ_CHECK(same(r[0].best_value, r[1].best_value));
        FUZZ_CHECK(r[0].n_admissible == r[1].n_admissible && r[0].n_no_trades == r[1].n_no_trades);
    } else {
        FUZZ_CHECK(strcmp(e[0].msg, e[1].msg) == 0);
    }
    bt_optimize_result_free(&r[0]);
    bt_optimize_result_free(&r[1]);
    bt_strategy_release(st);
    free(text);
    return 0;
}
