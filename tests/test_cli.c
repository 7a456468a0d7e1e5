/* The btgpu command line: exit codes, messages, heatmap and stats files. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btgpu.h"
#include "support.h"

static char out[1 << 16], err[1 << 16];

#define GRID "--method grid --data synth:400:7 --strategy sma_cross "

static void expect_usage_error(const char *args, const char *fragment)
{
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "'%s' exited %d, stderr: %s", args, rc, err);
    cr_assert(strstr(err, fragment) != NULL, "'%s': expected '%s' in stderr: %s", args, fragment, err);
    cr_assert(strstr(err, "btgpu: ") == err, "message starts with 'btgpu: ': %s", err);
    cr_assert(strstr(err, "Try 'btgpu --help' for more information.") != NULL, "stderr: %s", err);
}


static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

Test(cli, help_goes_to_stdout_and_exits_zero)
{
    int rc = bt_test_run_cli("--help", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0);
    cr_assert(strstr(out, "--param NAME=START:STOP[:STEP]") != NULL);
    cr_assert(strstr(out, "--finalize-trades") != NULL);
    cr_assert(strstr(out, "sma_cross") != NULL);
    cr_assert_str_empty(err);
}

Test(cli, usage_errors_exit_two_with_a_precise_message)
{
    expect_usage_error(GRID "--bogus", "unrecognized option '--bogus'");
    expect_usage_error(GRID "--cash", "option '--cash' needs a value");
    expect_usage_error(GRID "--cash 12abc", "option '--cash': '12abc' is not a finite number");
    expect_usage_error(GRID "--cash -5", "option '--cash': -5 must be a finite number > 0");
    expect_usage_error(GRID "--margin 1.5", "option '--margin': 1.5 must be in (0, 1]");
    expect_usage_error(GRID "--margin 0", "option '--margin': 0 must be in (0, 1]");
    expect_usage_error(GRID "--commission 0.1", "option '--commission': 0.1 must be in [-0.1, 0.1)");
    expect_usage_error(GRID "--fixed-commission -1", "option '--fixed-commission': -1 must be");
    expect_usage_error(GRID "--spread nan", "option '--spread': 'nan' is not a finite number");
    expect_usage_error(GRID "--threads 0", "option '--threads': must be at least 1");
    expect_usage_error(GRID "--backend gpu", "option '--backend': 'gpu' is not a backend");
    expect_usage_error(GRID "--method sambo", "option '--method': 'sambo' (model-based optimization) is not supported");
    expect_usage_error(GRID "--method anneal", "option '--method': 'anneal' is not supported ('grid', 'random' or 'walk-forward')");
    expect_usage_error("--method grid", "option '--data' is required");
    expect_usage_error(GRID "--strategy nope", "unknown strategy 'nope'");
    expect_usage_error(GRID "--maximize 'Profit'", "'Profit' is not a backtesting.py statistic");
    expect_usage_error(GRID "--maximize Start", "'Start' is the same for every combination");
    expect_usage_error(GRID "--param n3=1:5", "--param 'n3': strategy 'sma_cross' has no such parameter (parameters: n1, n2)");
    expect_usage_error(GRID "--param n1=0:5", "n1=0 must be a whole number >= 1");
    expect_usage_error(GRID "--param n1=5:5", "n1=5:5");
    expect_usage_error(GRID "--param n1=2:9 --param n2=5:20 --constraint 'n1 < < n2'", "column 6");
    expect_usage_error(GRID "--param n1=2:9 --param n2=5:20 --constraint 'n1 > n2 + 100'", "no admissible combination");
    expect_usage_error("synth --seed 3", "synth: option '--bars' is required");
    expect_usage_error(GRID "extra", "unexpected argument 'extra'");
}

Test(cli, mistyped_names_get_the_closest_spelling)
{
    expect_usage_error(GRID "--comission 0.1", "unrecognized option '--comission' (did you mean '--commission'?)");
    expect_usage_error(GRID "--heatmpa=x.csv", "unrecognized option '--heatmpa=x.csv' (did you mean '--heatmap'?)");
    expect_usage_error(GRID "--maximize Sharpe", "'Sharpe' is not a backtesting.py statistic (did you mean 'Sharpe Ratio'?)");
    expect_usage_error(GRID "--maximize 'sharpe ratio'", "(did you mean 'Sharpe Ratio'?)");
    expect_usage_error(GRID "--maximize 'Max Drawdown'", "(did you mean 'Max. Drawdown [%]'?)");
    expect_usage_error(GRID "--strategy SmaCross", "unknown strategy 'SmaCross' (did you mean 'sma_cross'?)");
    expect_usage_error(GRID "--strategy rsi_treshold", "(did you mean 'rsi_threshold'?)");
    expect_usage_error(GRID "--param N1=5:10", "has no such parameter (did you mean 'n1'?)");
    expect_usage_error(GRID "--param n1=5:10 --param n2=20:30 --constraint 'n1 < N2'",
                       "unknown parameter 'N2' (did you mean 'n2'?)");
    /* nothing close: no suggestion */
    int rc = bt_test_run_cli(GRID "--xyzzy", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "unrecognized option '--xyzzy'\n") != NULL, "stderr: %s", err);
    rc = bt_test_run_cli(GRID "--maximize Wombat", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "did you mean") == NULL, "stderr: %s", err);
}

Test(cli, an_option_as_a_value_is_a_missing_value)
{
    expect_usage_error(GRID "--heatmap --quiet", "option '--heatmap' needs a value, and '--quiet' is an option");
    expect_usage_error(GRID "--stats --top 3", "option '--stats' needs a value, and '--top' is an option");
    cr_assert(access("--quiet", F_OK) != 0, "no file named --quiet in the working folder");
    /* negative numbers are values */
    int rc = bt_test_run_cli(GRID "--commission -0.01 --quiet", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
}

Test(cli, short_h_is_help_and_stats_lists_every_key)
{
    int rc = bt_test_run_cli("-h", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Usage: btgpu") == out);
    cr_assert(strstr(out, "'btgpu stats'") != NULL, "--help points to btgpu stats");
    rc = bt_test_run_cli("synth -h", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    rc = bt_test_run_cli("stats", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_eq(count_lines(out), 32);
    cr_assert(strstr(out, "Sharpe Ratio\n") != NULL);
    cr_assert(strstr(out, "Equity Final [$]\n") != NULL);
    cr_assert(strstr(out, "Kelly Criterion\n") != NULL);
    cr_assert(strstr(out, "Start                       the same for every combination\n") == out, "%s", out);
    expect_usage_error("stats extra", "stats: unexpected argument 'extra'");
}

Test(cli, trades_and_equity_files_appear_whole_or_not_at_all)
{
    char t[256], e[256], args[1024];
    mkdir(BTGPU_TEST_TMP, 0777); /* this test may be the first to use it */
    snprintf(t, sizeof t, "%s/best-trades.csv", BTGPU_TEST_TMP);
    snprintf(e, sizeof e, "%s/best-equity.csv", BTGPU_TEST_TMP);
    FILE *f = fopen(t, "w");
    cr_assert(f != NULL);
    fputs("keep me\n", f);
    fclose(f);
    remove(e);
    /* a failing search leaves an existing file alone and creates nothing */
    snprintf(args, sizeof args, GRID "--param n1=5:9 --param n2=10:12 --constraint 'n1 > n2' --trades %s --equity %s", t,
             e);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2, "%s", err);
    cr_assert_str_eq(bt_test_slurp(t), "keep me\n");
    cr_assert(access(e, F_OK) != 0, "no equity file after a failure");
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c 'best-.*\\.tmp\\.' > '%s/tmpcount.txt'", BTGPU_TEST_TMP, BTGPU_TEST_TMP);
    cr_assert(system(cmd) != -1);
    snprintf(cmd, sizeof cmd, "%s/tmpcount.txt", BTGPU_TEST_TMP);
    cr_assert_str_eq(bt_test_slurp(cmd), "0\n", "no temporary files left");
    /* a successful one replaces it: one row per trade, the equity of every bar */
    snprintf(args, sizeof args, GRID "--param n1=10 --param n2=30 --trades %s --equity %s --stats %s/best.json --quiet",
             t, e, BTGPU_TEST_TMP);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    const char *tt = bt_test_slurp(t);
    cr_assert(strstr(tt, ",Size,EntryBar,ExitBar,EntryPrice,ExitPrice,SL,TP,PnL,Commission,ReturnPct,EntryTime,"
                         "ExitTime,Duration,Tag,\"Entry_SMA(C,10)\",\"Exit_SMA(C,10)\",\"Entry_SMA(C,30)\","
                         "\"Exit_SMA(C,30)\"\n") == tt, "%s", tt);
    size_t trades = count_lines(tt) - 1;
    snprintf(cmd, sizeof cmd, "%s/best.json", BTGPU_TEST_TMP);
    const char *js = bt_test_slurp(cmd);
    const char *nt = strstr(js, "\"# Trades\": ");
    cr_assert(nt != NULL);
    cr_assert_eq(trades, strtoul(nt + strlen("\"# Trades\": "), NULL, 10), "a row per trade of the statistics");
    const char *eq = bt_test_slurp(e);
    cr_assert(strstr(eq, ",Equity,DrawdownPct,DrawdownDuration\n") == eq, "%s", eq);
    cr_assert_eq(count_lines(eq), 401, "the 400 bars of synth:400:7 and the header");
    /* with --top K, one pair of files per rank; rank 1 is the best, the same as the main files */
    char top1[300], top2[300], main_copy[1 << 16];
    snprintf(args, sizeof args, GRID "--param n1=5:30:5 --param n2=10:60:10 --constraint 'n1 < n2' --top 2 "
             "--trades %s --quiet", t);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    snprintf(main_copy, sizeof main_copy, "%s", bt_test_slurp(t));
    snprintf(top1, sizeof top1, "%s/best-trades-top1.csv", BTGPU_TEST_TMP);
    snprintf(top2, sizeof top2, "%s/best-trades-top2.csv", BTGPU_TEST_TMP);
    cr_assert_str_eq(bt_test_slurp(top1), main_copy, "rank 1 is the best combination");
    const char *second = bt_test_slurp(top2);
    cr_assert(strncmp(second, ",Size,EntryBar", 14) == 0 && strcmp(second, main_copy) != 0, "%s", second);
    snprintf(args, sizeof args, "%s/best-trades-top3.csv", BTGPU_TEST_TMP);
    cr_assert(access(args, F_OK) != 0, "no third rank with --top 2");
}

Test(cli, run_is_one_backtest_with_the_grids_numbers)
{
    char a[256], b[256], args[1024];
    snprintf(a, sizeof a, "%s/run-one.json", BTGPU_TEST_TMP);
    snprintf(b, sizeof b, "%s/run-grid.json", BTGPU_TEST_TMP);
    snprintf(args, sizeof args, "run --data synth:500:4 --set n1=12 --set n2=40 --commission 0.001 --stats %s", a);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    cr_assert(strstr(out, "sma_cross(n1=12, n2=40) on synth:500:4\n\nStart ") == out, "%s", out);
    cr_assert(strstr(out, "Equity Final [$]") != NULL && strstr(out, "Combinations:") == NULL, "%s", out);
    snprintf(args, sizeof args, "--method grid --data synth:500:4 --param n1=12 --param n2=40 --commission 0.001 "
             "--quiet --stats %s", b);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *one = bt_test_slurp(a), first[1 << 14];
    snprintf(first, sizeof first, "%s", one);
    cr_assert_str_eq(first, bt_test_slurp(b), "run and a one-combination grid give the same statistics");
    expect_usage_error("run --data synth:500 --set n1=5:9", "--set 'n1=5:9': one value");
    expect_usage_error("run --data synth:500 --param n1=5", "btgpu run: --param sweeps a grid");
    expect_usage_error("run --data synth:500 --set n1=5 --constraint 'n1 < 3'", "--constraint is for a grid search");
    expect_usage_error(GRID "--set n1=5", "option '--set' is for 'btgpu run'");
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "%s", path);
    fputs(text, f);
    fclose(f);
}

Test(cli, outputs_never_destroy_an_input_another_output_or_a_device)
{
    char data[256], keep[256], args[2048];
    snprintf(data, sizeof data, "%s/safe-data.csv", BTGPU_TEST_TMP);
    snprintf(keep, sizeof keep, "%s/safe-keep.csv", BTGPU_TEST_TMP);
    snprintf(args, sizeof args, "synth --bars 300 --seed 2 --output %s", data);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *before = bt_test_slurp(data), copy_of[1 << 16];
    snprintf(copy_of, sizeof copy_of, "%s", before);
    /* an output naming the input, by the same or another path: a usage error, the input intact */
    const char *opts[] = {"--heatmap", "--stats", "--trades", "--equity"};
    for (int k = 0; k < 4; k++) {
        snprintf(args, sizeof args, "--method grid --data %s %s %s/../%s/safe-data.csv", data, opts[k], BTGPU_TEST_TMP,
                 strrchr(BTGPU_TEST_TMP, '/') + 1);
        int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
        cr_assert_eq(rc, 2, "%s: %s", opts[k], err);
        cr_assert(strstr(err, "is the --data file: it would be overwritten") != NULL, "%s", err);
        cr_assert_str_eq(bt_test_slurp(data), copy_of, "%s left the input intact", opts[k]);
    }
    /* two outputs naming one file */
    snprintf(args, sizeof args, "--method grid --data %s --heatmap %s --stats %s/./safe-keep.csv", data, keep,
             BTGPU_TEST_TMP);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2);
    cr_assert(strstr(err, "--heatmap and --stats name the same file") != NULL, "%s", err);
    /* a failed search leaves existing targets as they were; a successful one replaces them */
    write_text(keep, "previous heatmap\n");
    snprintf(args, sizeof args, "--method grid --data %s --param n1=5:9 --param n2=10:12 --constraint 'n1 > n2' "
             "--heatmap %s", data, keep);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2);
    cr_assert_str_eq(bt_test_slurp(keep), "previous heatmap\n");
    snprintf(args, sizeof args, "--method grid --data %s --param n1=5:9 --param n2=10:12 --heatmap %s --quiet", data,
             keep);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    cr_assert(strstr(bt_test_slurp(keep), "n1,n2,SQN\n") != NULL);
    /* a device is written in place and never removed, even when the run fails */
    snprintf(args, sizeof args, "--method grid --data %s --param n1=5:9 --param n2=10:12 --constraint 'n1 > n2' "
             "--stats /dev/null", data);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2);
    cr_assert(access("/dev/null", W_OK) == 0, "/dev/null is still there");
}

/* Where run_and_signal puts btgpu's standard error. */
static const char *signal_err(void)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/signal-err-%ld.txt", BTGPU_TEST_TMP, (long)getpid());
    return path;
}

/* Runs btgpu ARGS in the background, sends the signals (DELAY s after its
 * standard error first holds AFTER, or after its start when AFTER is NULL;
 * then 20 ms apart when TWICE), and returns its exit status; *secs: from the
 * first signal to the exit. */
static int run_and_signal(const char *args, const char *after, const char *sig, double delay, int twice,
                          double *secs)
{
    char script[4096], rcf[256];
    mkdir(BTGPU_TEST_TMP, 0777); /* this test may be the first to use it */
    /* one set of files per test process (tests run in parallel) */
    snprintf(rcf, sizeof rcf, "%s/signal-rc-%ld.txt", BTGPU_TEST_TMP, (long)getpid());
    char wait[512] = "";
    if (after) /* at most 10 minutes */
        snprintf(wait, sizeof wait, "k=0; until grep -q '%s' '%s' || [ $k -ge 6000 ]; do sleep 0.1; k=$((k+1)); done; ",
                 after, signal_err());
    snprintf(script, sizeof script,
             "'%s' %s >/dev/null 2>'%s' & pid=$!; %ssleep %g; t0=$(date +%%s.%%N); kill -%s $pid; %s"
             "wait $pid; rc=$?; t1=$(date +%%s.%%N); echo \"$rc $t0 $t1\" > '%s'",
             BTGPU_BINARY, args, signal_err(), wait, delay, sig,
             twice ? "sleep 0.02; kill -TERM $pid 2>/dev/null; " : "", rcf);
    char cmd[8192], sh[256];
    snprintf(sh, sizeof sh, "%s/signal-%ld.sh", BTGPU_TEST_TMP, (long)getpid());
    FILE *f = fopen(sh, "w");
    cr_assert(f != NULL);
    fputs(script, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "sh '%s'", sh);
    cr_assert(system(cmd) != -1);
    int rc = -1;
    double t0 = 0, t1 = 0;
    cr_assert_eq(sscanf(bt_test_slurp(rcf), "%d %lf %lf", &rc, &t0, &t1), 3);
    *secs = t1 - t0;
    return rc;
}

#define SLOW_RUN "--method grid --data synth:20000:1 --backend reference --strategy " BTGPU_SOURCE_DIR \
                 "/strategies/sma_cross.py --param n1=2:100 --param n2=10:400 --progress "

Test(cli, a_signal_stops_at_a_chunk_boundary_and_keeps_what_was_done)
{
    char h[256], st[256], args[2048];
    snprintf(h, sizeof h, "%s/sig-heatmap.csv", BTGPU_TEST_TMP);
    snprintf(st, sizeof st, "%s/sig-stats.json", BTGPU_TEST_TMP);
    remove(h);
    remove(st);
    snprintf(args, sizeof args, SLOW_RUN "--heatmap %s --stats %s", h, st);
    /* the signal comes after the first progress report (a chunk is done, even under the
     * sanitizers), while later chunks run: the chunk under way then is dropped */
    double secs;
    int rc = run_and_signal(args, "combinations), ", "INT", 0.5, 0, &secs);
    cr_assert_eq(rc, 130, "exit status %d", rc);
    cr_assert(secs < 1.5 * BT_TEST_SLOWDOWN, "stopped %.2f s after SIGINT", secs);
    const char *e = bt_test_slurp(signal_err());
    const char *at = strstr(e, "btgpu: interrupted after ");
    cr_assert(at != NULL, "%s", e);
    unsigned long long done = strtoull(at + strlen("btgpu: interrupted after "), NULL, 10);
    cr_assert(done > 0 && done < 38220, "%llu done", done);
    /* the heatmap: a header and one complete row per finished combination, in grid order */
    char *text = bt_test_slurp(h);
    size_t n = count_lines(text);
    cr_assert_eq(n, done + 1, "%zu lines for %llu combinations", n, done);
    cr_assert(text[strlen(text) - 1] == '\n');
    cr_assert(strncmp(text, "n1,n2,SQN\n2,10,", 15) == 0, "%.40s", text);
    const char *js = bt_test_slurp(st);
    cr_assert(strstr(js, "\"Equity Final [$]\"") != NULL && js[strlen(js) - 2] == '}', "complete JSON: %s", js);
    /* SIGTERM twice: out at once with 143; the targets keep what they held (unless the first
     * signal's orderly stop finished within the 20 ms before the second: then they are whole) */
    FILE *f = fopen(h, "w");
    cr_assert(f != NULL);
    fputs("old heatmap\n", f);
    fclose(f);
    remove(st);
    rc = run_and_signal(args, NULL, "TERM", 1.0, 1, &secs);
    cr_assert_eq(rc, 143, "exit status %d", rc);
    text = bt_test_slurp(h);
    cr_assert(strcmp(text, "old heatmap\n") == 0 || (strncmp(text, "n1,n2,SQN\n", 10) == 0 &&
                                                     text[strlen(text) - 1] == '\n'), "%.60s", text);
    char cmd[600], cnt[256];
    snprintf(cnt, sizeof cnt, "%s/sig-tmp.txt", BTGPU_TEST_TMP);
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c 'sig-.*\\.tmp\\.' > '%s'", BTGPU_TEST_TMP, cnt);
    cr_assert(system(cmd) != -1);
    cr_assert_str_eq(bt_test_slurp(cnt), "0\n", "no temporary files left");
}

/* One chunk of several seconds (the whole grid): the engines see the stop
 * request inside it, so the search ends at once, with nothing finished. */
Test(cli, a_signal_stops_a_long_chunk_at_once)
{
    const char *runs[] = {
        "--method grid --data synth:200000:1 --param n1=10:110:2 --param n2=20:420:2 --constraint 'n1 < n2' "
        "--maximize 'Sharpe Ratio' --quiet",
        "--method grid --data synth:200000:1 --strategy " BTGPU_SOURCE_DIR "/strategies/sma_cross.py "
        "--param n1=10:110:2 --param n2=20:420:2 --constraint 'n1 < n2' --maximize 'Sharpe Ratio' --quiet",
    };
    setenv("BTGPU_CHUNK", "65536", 1);
    for (int k = 0; k < 2; k++) {
        double secs;
        int rc = run_and_signal(runs[k], NULL, "INT", 1.0, 0, &secs);
        cr_assert_eq(rc, 130, "run %d: exit status %d", k, rc);
        cr_assert(secs < 1.0 * BT_TEST_SLOWDOWN, "run %d: stopped %.2f s after SIGINT", k, secs);
        const char *e = bt_test_slurp(signal_err());
        cr_assert(strstr(e, "stopped before any admissible combination finished (0 of 10000 done)") != NULL,
                  "run %d: %s", k, e);
    }
    unsetenv("BTGPU_CHUNK");
}

Test(cli, an_integer_index_that_looks_like_dates_gets_a_warning)
{
    const char *texts[] = {
        ",Open,High,Low,Close\n20170419,1,2,0.5,1.5\n20170420,1.5,2,1,1.25\n20170421,1.25,2,1,1.75\n",
        ",Open,High,Low,Close\n1492560000,1,2,0.5,1.5\n1492646400,1.5,2,1,1.25\n1492732800,1.25,2,1,1.75\n",
        ",Open,High,Low,Close\n1492560000000,1,2,0.5,1.5\n1492646400000,1.5,2,1,1.25\n1492732800000,1.25,2,1,1.75\n",
        ",Open,High,Low,Close\n0,1,2,0.5,1.5\n1,1.5,2,1,1.25\n2,1.25,2,1,1.75\n",
    };
    const char *want[] = {"dates written as YYYYMMDD", "Unix times in seconds", "Unix times in milliseconds", NULL};
    for (int k = 0; k < 4; k++) {
        char args[600];
        snprintf(args, sizeof args, "run --data %s --set n1=1 --set n2=2 --quiet", bt_test_write_file("intindex", texts[k]));
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
        if (want[k])
            cr_assert(strstr(err, "the index is read as plain integers") != NULL && strstr(err, want[k]) != NULL,
                      "file %d: %s", k, err);
        else
            cr_assert(strstr(err, "plain integers") == NULL, "a RangeIndex-like index: no warning: %s", err);
    }
}

Test(cli, grid_overflowing_64_bits_is_a_usage_error)
{
    expect_usage_error(GRID "--param n1=1:4194305 --param n2=1:4194305 --param n3=1:4194305 --param n4=1:4194305",
                       "combinations");
}

Test(cli, runtime_errors_exit_one_and_name_the_file)
{
    int rc = bt_test_run_cli("--method grid --data /nonexistent/x.csv", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: /nonexistent/x.csv") == err, "stderr: %s", err);
    cr_assert(strstr(err, "Try 'btgpu --help'") == NULL, "no usage hint for runtime errors");

    const char *csv = bt_test_write_file("bad", ",Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1,x,0.5,1.5\n");
    char args[4096];
    snprintf(args, sizeof args, "--method grid --data '%s'", csv);
    rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, ":3:3: column 'High': 'x' is not a number") != NULL, "stderr: %s", err);
    unlink(csv);
}

Test(cli, heatmap_has_one_row_per_admissible_combination_and_nan_for_no_trades)
{
    char path[512], args[2048];
    snprintf(path, sizeof path, "%s/heat.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--param n1=2,3 --param n2=3,5,8 --constraint 'n1 <= n2' --heatmap '%s' "
                                     "--maximize 'Return [%%]' --quiet", path);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_empty(out, "--quiet prints nothing: %s", out);
    char *h = bt_test_slurp(path);
    cr_assert_eq(count_lines(h), 1 + 6, "header + 6 admissible rows:\n%s", h);
    cr_assert(strncmp(h, "n1,n2,Return [%]\n2,3,", 21) == 0, "heatmap:\n%s", h);
    cr_assert(strstr(h, "\n3,3,nan\n") != NULL, "n1 == n2 never crosses, so NaN:\n%s", h);
    unlink(path);
}

Test(cli, stats_json_names_params_and_all_statistics)
{
    char path[512], args[2048];
    snprintf(path, sizeof path, "%s/stats.%d.json", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--param n1=5:20:5 --param n2=20:60:10 --commission 0.002 --stats '%s'", path);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    char *j = bt_test_slurp(path);
    cr_assert(strstr(j, "\"params\": {\"n1\": ") != NULL, "%s", j);
    cr_assert(strstr(j, "\"Start\": \"2000-01-03T00:00:00\"") != NULL, "%s", j);
    cr_assert(strstr(j, "\"Commissions [$]\": ") != NULL, "%s", j);
    cr_assert(strstr(j, "\"CAGR [%]\": ") != NULL, "%s", j);
    cr_assert(strstr(j, "\"Kelly Criterion\": ") != NULL, "%s", j);
    /* the keys come in backtesting.py's order */
    cr_assert(strstr(j, "\"Equity Final [$]\"") < strstr(j, "\"Sharpe Ratio\""));
    cr_assert(strstr(j, "\"Sharpe Ratio\"") < strstr(j, "\"SQN\""));
    cr_assert(strstr(out, "Best:") != NULL && strstr(out, "SQN") != NULL, "summary:\n%s", out);
    unlink(path);
}

Test(cli, all_nan_heatmap_reports_the_first_combination)
{
    int rc = bt_test_run_cli(GRID "--param n1=3,4 --param n2=3,4 --constraint 'n1 == n2'", out, sizeof out, err,
                             sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Best:          n1=3 n2=3  (SQN = nan)") != NULL, "summary:\n%s", out);
    cr_assert(strstr(out, "2 without trades") != NULL, "summary:\n%s", out);
}

Test(cli, synth_writes_a_loadable_csv)
{
    char path[512], args[2048];
    snprintf(path, sizeof path, "%s/synth.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, "synth --bars 5 --seed 9 --output '%s'", path);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    char *csv = bt_test_slurp(path);
    cr_assert(strncmp(csv, ",Open,High,Low,Close,Volume\n2000-01-03,", 39) == 0, "%s", csv);
    cr_assert_eq(count_lines(csv), 6);
    unlink(path);
}

Test(cli, settings_whose_buying_power_overflows_the_statistics_are_rejected)
{
    expect_usage_error(GRID "--cash 1.01e150", "option '--cash': 1.01e+150 is more than 1e+150: the statistics square "
                       "trade P&L of the order of cash / margin (SQN), which would overflow to infinity");
    expect_usage_error(GRID "--cash 1e308", "option '--cash': 1e+308 is more than 1e+150");
    expect_usage_error(GRID "--margin 0.99e-146", "option '--margin': 9.9e-147 with --cash 10000 gives a buying power "
                       "(cash / margin) of 1.01010101010101e+150, more than 1e+150");
    expect_usage_error(GRID "--margin 1e-300", "option '--margin': 1e-300 with --cash 10000 gives a buying power "
                       "(cash / margin) of 1e+304");
    expect_usage_error(GRID "--cash 1e140 --margin 1e-11", "with --cash 1e+140 gives a buying power (cash / margin) of 1.0000000000000002e+151");
    expect_usage_error(GRID "--cash 1e149 --margin 0.099", "option '--margin': 0.099 with --cash 1e+149 gives a buying "
                       "power (cash / margin) of 1.01010101010101e+150, more than 1e+150");
    /* just inside: every statistic finite, the SQN that of ordinary (but large enough
     * for whole units not to matter) cash: P&L scales with the cash */
    const char *inside[] = {GRID "--param n1=10 --param n2=50 --cash 1e150",
                            GRID "--param n1=10 --param n2=50 --cash 1e12",
                            GRID "--param n1=10 --param n2=50 --cash 1e149 --margin 0.1",
                            GRID "--param n1=10 --param n2=50 --cash 1e12 --margin 0.1"};
    double sqn[4];
    for (int k = 0; k < 4; k++) {
        int rc = bt_test_run_cli(inside[k], out, sizeof out, err, sizeof err);
        cr_assert_eq(rc, 0, "'%s': stderr: %s", inside[k], err);
        const char *p = strstr(out, "(SQN = ");
        cr_assert_not_null(p, "%s", out);
        sqn[k] = strtod(p + 7, NULL);
        cr_assert(sqn[k] - sqn[k] == 0 && sqn[k] != 0, "'%s': SQN %g\n%s", inside[k], sqn[k], out);
        cr_assert(strstr(out, "nan") == NULL && strstr(out, "inf") == NULL, "'%s':\n%s", inside[k], out);
    }
    for (int k = 0; k < 4; k += 2) {
        double rel = (sqn[k] - sqn[k + 1]) / sqn[k + 1];
        cr_assert(rel < 1e-6 && rel > -1e-6, "SQN %.17g for '%s', %.17g for '%s'", sqn[k], inside[k], sqn[k + 1],
                  inside[k + 1]);
    }
}

Test(cli, an_integer_index_spanning_more_than_int64_max_is_warned_about)
{
    const char *data = bt_test_write_file("span", ",Open,High,Low,Close\n"
                                          "-9223372036854775807,10,11,9,10\n-1,11,12,10,11\n0,12,13,11,12\n"
                                          "1,11,12,10,11\n9223372036854775806,13,14,12,13\n");
    char args[1024];
    snprintf(args, sizeof args, "run --data '%s' --set n1=1 --set n2=2", data);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(err, "the integer index spans -9223372036854775807 .. 9223372036854775806, more than 2^63 - 1: "
                          "btgpu reports the true differences") != NULL, "stderr: %s", err);
    cr_assert(strstr(out, "\nDuration                  18446744073709551616\n") != NULL, "%s", out);
}

/* The "peak RSS X MiB" of a grid run's summary. */
static double run_peak_mib(const char *args)
{
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "'%s': stderr: %s", args, err);
    const char *p = strstr(out, "peak RSS ");
    cr_assert_not_null(p, "%s", out);
    return strtod(p + 9, NULL);
}

Test(cli, a_whole_run_peaks_below_80_bytes_a_bar)
{
    BT_TEST_SKIP_MEMORY();
    /* the series (48 bytes a bar), the best run's equity and the search's working
     * memory; the statistics of the best run keep nothing per bar (they took six
     * doubles a bar, about 113 bytes a bar in all) */
    const double bars = 2000000;
    double base = run_peak_mib("--method grid --data synth:1000 --param n1=10,20 --param n2=50 --threads 1");
    double big = run_peak_mib("--method grid --data synth:2000000 --param n1=10,20 --param n2=50 --threads 1");
    double per_bar = (big - base) * 1048576.0 / bars;
    cr_assert(per_bar > 48 && per_bar <= 80, "peak %.1f MiB, %.1f MiB for 1000 bars: %.1f bytes a bar", big, base,
              per_bar);
}

Test(cli, synth_bars_are_capped_where_a_csv_index_ends)
{
    expect_usage_error("synth --bars 25566976", "option '--bars': 25566976 is more than 25566975, the business days "
                       "from 2000-01-03 to 99999-12-31 (the last date a CSV index can hold)");
    expect_usage_error("synth --bars 99999999999999999999", "option '--bars': '99999999999999999999' is not a whole "
                       "number");
    expect_usage_error("--method grid --data synth:25566976 --param n1=5", "option '--data': 'synth:25566976' is not "
                       "synth:BARS[:SEED] with 1 <= BARS <= 25566975");
}

Test(cli, unwritable_outputs_fail_before_the_search_and_failures_leave_no_files)
{
    int rc = bt_test_run_cli(GRID "--stats /nonexistent-dir/s.json", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: /nonexistent-dir/s.json: cannot write the statistics: No such file or directory") !=
                  NULL, "%s", err);
    cr_assert_str_empty(out, "no search ran: %s", out);
    rc = bt_test_run_cli(GRID "--heatmap /nonexistent-dir/h.csv", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "cannot write the heatmap") != NULL, "%s", err);

    char h[512], s[512], args[2048];
    snprintf(h, sizeof h, "%s/fail-h.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(s, sizeof s, "%s/fail-s.%d.json", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--param n1=2:9 --param n2=5:20 --constraint 'n1 / (n2 - 10) > 0' "
                                     "--heatmap '%s' --stats '%s'", h, s);
    rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "division by zero in the constraint: %s", err);
    cr_assert(strstr(err, "division by zero at n1=2, n2=10") != NULL, "%s", err);
    cr_assert(access(h, F_OK) != 0, "no half-written heatmap is left");
    cr_assert(access(s, F_OK) != 0, "no empty statistics file is left");
}

Test(cli, top_lists_the_best_combinations_in_order_with_ties_in_grid_order)
{
    char path[512], args[2048];
    snprintf(path, sizeof path, "%s/top.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--param n1=2:30:3 --param n2=5:90:4 --constraint 'n1 < n2' --commission 0.002 "
                                     "--maximize '# Trades' --top 4 --quiet --heatmap '%s'", path);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Top 4 by # Trades:") != NULL, "%s", out);
    /* the heatmap's four best by value, earlier rows first among equals */
    double best[4] = {-1, -1, -1, -1};
    int n1b[4] = {0}, n2b[4] = {0};
    char *h = bt_test_slurp(path), *line = strchr(h, '\n');
    while (line && line[1]) {
        int a, b;
        double v;
        cr_assert(sscanf(line + 1, "%d,%d,%lf", &a, &b, &v) == 3);
        for (int k = 0; k < 4; k++)
            if (v > best[k]) {
                for (int q = 3; q > k; q--) {
                    best[q] = best[q - 1];
                    n1b[q] = n1b[q - 1];
                    n2b[q] = n2b[q - 1];
                }
                best[k] = v;
                n1b[k] = a;
                n2b[k] = b;
                break;
            }
        line = strchr(line + 1, '\n');
    }
    char row[128];
    for (int k = 0; k < 4; k++) {
        snprintf(row, sizeof row, "\n%-5d %8d %8d %20.1f", k + 1, n1b[k], n2b[k], best[k]);
        cr_assert(strstr(out, row) != NULL, "rank %d should read '%s' in:\n%s", k + 1, row + 1, out);
    }
    unlink(path);
}

Test(cli, progress_reports_on_standard_error_when_asked)
{
    int rc = bt_test_run_cli(GRID "--param n1=2:10 --param n2=5:40 --progress", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: 100.0% (280 of 280 combinations), ") != NULL, "%s", err);
    cr_assert(strstr(err, " bar*combos/s, ") != NULL && strstr(err, " s elapsed, about ") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--param n1=2:10 --param n2=5:40 --progress --quiet", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_empty(err, "--quiet silences progress: %s", err);
}

/* ------------------------------------------------------------------ strategy files */

/* The repository root, from this file's path (CMake passes it absolute). */
static const char *source_root(void)
{
    static char root[4096];
    snprintf(root, sizeof root, "%s", __FILE__);
    char *t = strstr(root, "tests/test_cli.c");
    cr_assert(t != NULL, "__FILE__ is %s", __FILE__);
    *t = '\0';
    return root;
}

/* backtesting.py's Quick Start SmaCross, as a user would write it. */
static const char *sma_cross_py =
    "import pandas as pd\n"
    "from backtesting import Backtest, Strategy\n"
    "from backtesting.lib import crossover\n"
    "from backtesting.test import SMA, GOOG\n"
    "\n"
    "\n"
    "class SmaCross(Strategy):\n"
    "    \"\"\"\n"
    "    Crossing moving averages, written by a test.\n"
    "\n"
    "    More words.\"\"\"\n"
    "    n1 = 10\n"
    "    n2 = 20\n"
    "\n"
    "    def init(self):\n"
    "        self.sma1 = self.I(SMA, self.data.Close, self.n1)\n"
    "        self.sma2 = self.I(SMA, self.data.Close, self.n2)\n"
    "\n"
    "    def next(self):\n"
    "        if crossover(self.sma1, self.sma2):\n"
    "            self.position.close()\n"
    "            self.buy()\n"
    "        elif crossover(self.sma2, self.sma1):\n"
    "            self.position.close()\n"
    "            self.sell()\n"
    "\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    print(Backtest(GOOG, SmaCross).run())\n";

/* Writes the SmaCross file under the test folder (stable name per process). */
static const char *write_sma_cross_py(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/sma_cross_user.%d.py", BTGPU_TEST_TMP, (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "cannot write %s", path);
    fputs(sma_cross_py, f);
    fclose(f);
    return path;
}

Test(strategies, list_shows_the_built_ins_with_class_parameters_and_description)
{
    int rc = bt_test_run_cli("list", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s\nstdout: %s", err, out);
    cr_assert(strstr(out, "sma_cross") != NULL, "%s", out);
    cr_assert(strstr(out, "SmaCross(n1=10, n2=20)") != NULL, "%s", out);
    /* the description is the first line of the class docstring */
    char path[4096];
    snprintf(path, sizeof path, "%s/strategies/sma_cross.py", source_root());
    char *file = bt_test_slurp(path), *doc = strstr(file, "\"\"\"");
    if (doc) {
        doc += 3;
        while (*doc == '\n' || *doc == ' ')
            doc++;
        doc[strcspn(doc, "\n")] = '\0';
        char *end = strstr(doc, "\"\"\"");
        if (end)
            *end = '\0';
        /* list word-wraps descriptions: compare with runs of blanks as one space */
        static char flat[sizeof out];
        size_t n = 0;
        for (const char *q = out; *q && n + 1 < sizeof flat; q++) {
            int blank = *q == ' ' || *q == '\n';
            if (!blank || (n && flat[n - 1] != ' '))
                flat[n++] = blank ? ' ' : *q;
        }
        flat[n] = '\0';
        cr_assert(strstr(flat, doc) != NULL, "the docstring line '%s' is not listed:\n%s", doc, out);
    }
    /* every built-in file is listed */
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "ls %s/strategies", source_root());
    FILE *p = popen(cmd, "r");
    char name[256];
    size_t n = 0;
    while (p && fgets(name, sizeof name, p)) {
        char *dot = strstr(name, ".py\n");
        if (!dot)
            continue;
        *dot = '\0';
        char want[300];
        snprintf(want, sizeof want, "\n  %s ", name);
        cr_assert(strstr(out, want) != NULL, "'%s' is not listed:\n%s", name, out);
        n++;
    }
    if (p)
        pclose(p);
    cr_assert_geq(n, 1);
}

Test(strategies, show_prints_the_file_exactly)
{
    int rc = bt_test_run_cli("show sma_cross", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    char path[4096];
    snprintf(path, sizeof path, "%s/strategies/sma_cross.py", source_root());
    char *file = bt_test_slurp(path);
    cr_assert_str_eq(out, file);
    cr_assert(strstr(out, "class SmaCross(Strategy):") != NULL, "%s", out);
    expect_usage_error("show nope", "show: unknown strategy 'nope' (built-in: ");
    expect_usage_error("show", "show: which strategy?");
    expect_usage_error("list extra", "list: unexpected argument 'extra'");
}

Test(strategies, a_missing_file_is_an_io_error)
{
    int rc = bt_test_run_cli(GRID "--strategy missing.py", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert_str_eq(err, "btgpu: option '--strategy': cannot read 'missing.py': No such file or directory\n");
    rc = bt_test_run_cli(GRID "--strategy /nonexistent/dir/s.py:SmaCross", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "cannot read '/nonexistent/dir/s.py': No such file or directory") != NULL, "%s", err);
    expect_usage_error(GRID "--strategy nope", "option '--strategy': unknown strategy 'nope' (built-in: ");
}

Test(strategies, a_bad_class_is_a_usage_error)
{
    const char *py = write_sma_cross_py();
    char args[8192];
    snprintf(args, sizeof args, GRID "--strategy '%s:Nope'", py);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "stderr: %s", err);
    cr_assert(strstr(err, "Nope") != NULL, "the message names the class: %s", err);
    snprintf(args, sizeof args, GRID "--strategy '%s:1x'", py);
    expect_usage_error(args, "option '--strategy': '1x' is not a class name (expected PATH.py:Class)");
    snprintf(args, sizeof args, GRID "--strategy '%s:SmaCross' --param n3=1:3", py);
    expect_usage_error(args, "has no such parameter (parameters: n1, n2)");
    unlink(py);
}

Test(strategies, opencl_and_cuda_refuse_a_compiled_strategy)
{
    const char *py = write_sma_cross_py();
    char args[8192], want[8192];
    const char *backends[] = {"opencl", "cuda"};
    for (int b = 0; b < 2; b++) {
        snprintf(args, sizeof args, GRID "--strategy '%s' --param n1=5,10 --backend %s", py, backends[b]);
        snprintf(want, sizeof want, "btgpu: --backend %s: strategy '%s' is compiled from a Python file; only --backend "
                 "cpu and reference run it so far\n", backends[b], py);
        expect_usage_error(args, want);
    }
    unlink(py);
}

/* The same SmaCross as a user's Python file, compiled, gives the native
 * sma_cross's heatmap, best combination and statistics, on both engines
 * that run compiled strategies. */
Test(strategies, a_python_sma_cross_file_matches_the_native_sma_cross)
{
    const char *py = write_sma_cross_py();
    char pybuf[4096];
    snprintf(pybuf, sizeof pybuf, "%s", py);
    const char *combos = "--param n1=2:30:3 --param n2=5:80:7 --constraint 'n1 < n2' --commission 0.002 "
                         "--maximize 'Equity Final [$]' --quiet";
    char args[8192], h_native[512], s_native[512], h_file[512], s_file[512];
    snprintf(h_native, sizeof h_native, "%s/native-h.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(s_native, sizeof s_native, "%s/native-s.%d.json", BTGPU_TEST_TMP, (int)getpid());
    snprintf(h_file, sizeof h_file, "%s/file-h.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(s_file, sizeof s_file, "%s/file-s.%d.json", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, "--method grid --data synth:600 --strategy sma_cross %s --heatmap '%s' --stats '%s'",
             combos, h_native, s_native);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    static char native_heat[1 << 20], native_stats[1 << 16];
    snprintf(native_heat, sizeof native_heat, "%s", bt_test_slurp(h_native));
    snprintf(native_stats, sizeof native_stats, "%s", bt_test_slurp(s_native));
    cr_assert_gt(count_lines(native_heat), 50, "%s", native_heat);

    const char *backends[] = {"cpu", "reference", "auto"};
    for (int b = 0; b < 3; b++) {
        snprintf(args, sizeof args, "--method grid --data synth:600 --strategy '%s' %s --heatmap '%s' --stats '%s' "
                 "--backend %s", pybuf, combos, h_file, s_file, backends[b]);
        rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
        cr_assert_eq(rc, 0, "%s: stderr: %s", backends[b], err);
        cr_assert_str_eq(bt_test_slurp(h_file), native_heat, "%s: the heatmaps differ", backends[b]);
        cr_assert_str_eq(bt_test_slurp(s_file), native_stats, "%s: the statistics differ", backends[b]);
    }
    /* --top re-runs the best combinations through the same engine */
    snprintf(args, sizeof args, "--method grid --data synth:600 --strategy sma_cross %s --top 3", combos);
    rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    static char native_top[1 << 16];
    snprintf(native_top, sizeof native_top, "%s", out);
    snprintf(args, sizeof args, "--method grid --data synth:600 --strategy '%s' %s --top 3", pybuf, combos);
    rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_eq(out, native_top);
    unlink(h_native);
    unlink(s_native);
    unlink(h_file);
    unlink(s_file);
    unlink(pybuf);
}

Test(strategies, heatmap_and_stats_print_values_with_their_python_types)
{
    char h[512], s[512], args[4096];
    snprintf(h, sizeof h, "%s/typed-h.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(s, sizeof s, "%s/typed-s.%d.json", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--param n1=5,10.0 --param n2=30 --maximize 'Return [%%]' --heatmap '%s' "
                                     "--stats '%s' --quiet", h, s);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    char *heat = bt_test_slurp(h);
    cr_assert(strncmp(heat, "n1,n2,Return [%]\n5,30,", 22) == 0, "%s", heat);
    cr_assert(strstr(heat, "\n10.0,30,") != NULL, "%s", heat);
    char *j = bt_test_slurp(s);
    cr_assert(strstr(j, "\"params\": {\"n1\": 5, \"n2\": 30}") || strstr(j, "\"params\": {\"n1\": 10.0, \"n2\": 30}"),
              "%s", j);
    unlink(h);
    unlink(s);
}

Test(strategies, class_picks_one_of_several_strategy_classes)
{
    char text[8192], path[4096], args[8192];
    snprintf(text, sizeof text, "%s\n\nclass Other(Strategy):\n    fast = 3\n    slow = 0.5\n    on = True\n\n"
             "    def init(self):\n        pass\n\n    def next(self):\n        pass\n", sma_cross_py);
    snprintf(path, sizeof path, "%s", bt_test_write_file("two.py", text));
    char py[sizeof path + 3];
    snprintf(py, sizeof py, "%s.py", path); /* the name must end in .py */
    cr_assert_eq(rename(path, py), 0);
    /* without :Class the choice is ambiguous */
    snprintf(args, sizeof args, GRID "--strategy '%s'", py);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "stderr: %s", err);
    cr_assert(strstr(err, "SmaCross") && strstr(err, "Other"), "the message lists the classes: %s", err);
    snprintf(args, sizeof args, GRID "--strategy '%s:Other' --param n1=5", py);
    expect_usage_error(args, "has no such parameter (parameters: fast, slow, on)");
    snprintf(args, sizeof args, GRID "--strategy '%s:SmaCross' --param fast=5", py);
    expect_usage_error(args, "has no such parameter (parameters: n1, n2)");
    unlink(py);
}

/* Limit, stop and stop-limit entries with SL/TP, a break-even move of the
 * SL in a trade loop, cancelled orders and a time exit: the vector executor
 * runs them in its order lanes (BTGPU_VX_WHY counts the lanes of each mode),
 * none on a reference broker, with the reference engine's numbers under the
 * settings that change the queue (trade_on_close, spread, exclusive_orders,
 * finalize_trades, hedging, margin). */
static const char *order_mix_py =
    "from backtesting import Strategy\n"
    "from backtesting.test import SMA\n"
    "\n"
    "\n"
    "class OrderMix(Strategy):\n"
    "    n = 20\n"
    "    k = 0.01\n"
    "    kind = 0\n"
    "    be = 0.03\n"
    "\n"
    "    def init(self):\n"
    "        self.sma = self.I(SMA, self.data.Close, self.n)\n"
    "\n"
    "    def next(self):\n"
    "        c = self.data.Close[-1]\n"
    "        for trade in self.trades:\n"
    "            if trade.pl_pct > self.be:\n"
    "                trade.sl = trade.entry_price\n"
    "        if not self.position:\n"
    "            for order in self.orders:\n"
    "                order.cancel()\n"
    "            if c > self.sma[-1]:\n"
    "                if self.kind == 0:\n"
    "                    self.buy(limit=c * (1 - self.k), sl=c * (1 - 4 * self.k), tp=c * (1 + 3 * self.k))\n"
    "                elif self.kind == 1:\n"
    "                    self.buy(stop=c * (1 + self.k), tp=c * (1 + 5 * self.k), sl=c * (1 - 3 * self.k))\n"
    "                else:\n"
    "                    self.sell(stop=c * (1 - self.k), limit=c * (1 - 2 * self.k), sl=c * (1 + 3 * self.k))\n"
    "        elif len(self.data) - self.trades[-1].entry_bar > 15:\n"
    "            self.position.close()\n";

Test(strategies, order_kinds_run_in_the_order_lanes_with_the_reference_numbers)
{
    char path[4096], py[4100], args[8192], h[2][512], st[2][512];
    snprintf(path, sizeof path, "%s", bt_test_write_file("order_mix", order_mix_py));
    snprintf(py, sizeof py, "%s.py", path);
    cr_assert_eq(rename(path, py), 0);
    const char *be[2] = {"reference", "cpu"};
    for (int k = 0; k < 2; k++) {
        snprintf(h[k], sizeof h[k], "%s/om-h-%s.%d.csv", BTGPU_TEST_TMP, be[k], (int)getpid());
        snprintf(st[k], sizeof st[k], "%s/om-s-%s.%d.json", BTGPU_TEST_TMP, be[k], (int)getpid());
    }
    const char *settings[] = {"", "--trade-on-close --spread 0.001", "--exclusive-orders --finalize-trades",
                              "--hedging --margin 0.5 --commission 0.001"};
    setenv("BTGPU_VX_WHY", "1", 1);
    static char ref_heat[1 << 18], ref_stats[1 << 16];
    for (size_t q = 0; q < sizeof settings / sizeof *settings; q++) {
        for (int k = 0; k < 2; k++) {
            snprintf(args, sizeof args, "--method grid --data synth:1500:5 --strategy '%s' --param n=10:40:10 "
                     "--param k=0.004:0.02:0.008 --param kind=0,1,2 --param be=0.01,0.05 --maximize 'Sharpe Ratio' "
                     "--heatmap-stats all --heatmap '%s' --stats '%s' --quiet --threads 2 --backend %s %s",
                     py, h[k], st[k], be[k], settings[q]);
            int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
            cr_assert_eq(rc, 0, "%s %s: stderr: %s", be[k], settings[q], err);
            if (k == 0) {
                snprintf(ref_heat, sizeof ref_heat, "%s", bt_test_slurp(h[0]));
                snprintf(ref_stats, sizeof ref_stats, "%s", bt_test_slurp(st[0]));
                continue;
            }
            cr_assert(strstr(err, "0 of 36 combinations handed to the interpreter; lanes run: 36 fast, 36 with order "
                                  "lanes, 0 with reference brokers") != NULL, "%s: %s", settings[q], err);
            cr_assert_str_eq(bt_test_slurp(h[1]), ref_heat, "%s: the heatmaps differ", settings[q]);
            cr_assert_str_eq(bt_test_slurp(st[1]), ref_stats, "%s: the statistics differ", settings[q]);
        }
        cr_assert_eq(count_lines(ref_heat), 37, "%s", ref_heat);
        cr_assert(strstr(ref_stats, "\"# Trades\": 0,") == NULL, "%s: the best run trades: %s", settings[q],
                  ref_stats);
    }
    /* the built-in TrailingStrategy and limit-entry strategies, with a trade statistic */
    const char *builtin[] = {"donchian_breakout --param n=10:30:10 --param atr_mult=2,3",
                             "bollinger_revert --param n=10:30:10 --param k=1.5,2.5 --param sl_pct=0,0.03"};
    const char *lanes[] = {"lanes run: 4 fast, 4 with order lanes, 0 with reference brokers",
                           "lanes run: 8 fast, 8 with order lanes, 0 with reference brokers"};
    for (int b = 0; b < 2; b++)
        for (int k = 0; k < 2; k++) {
            snprintf(args, sizeof args, "--method grid --data synth:1500:9 --strategy %s --heatmap '%s' --quiet "
                     "--backend %s", builtin[b], h[k], be[k]);
            int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
            cr_assert_eq(rc, 0, "%s: stderr: %s", builtin[b], err);
            if (k == 0) {
                snprintf(ref_heat, sizeof ref_heat, "%s", bt_test_slurp(h[0]));
                continue;
            }
            cr_assert(strstr(err, lanes[b]) != NULL, "%s: %s", builtin[b], err);
            cr_assert_str_eq(bt_test_slurp(h[1]), ref_heat, "%s: the heatmaps differ", builtin[b]);
        }
    for (int k = 0; k < 2; k++) {
        unlink(h[k]);
        unlink(st[k]);
    }
    unlink(py);
}

/* A broker error (an order price backtesting.py asserts on) inside a
 * parallel search is reported with the combination, on every engine. */
Test(strategies, a_broker_error_in_a_search_names_the_combination)
{
    const char *be[] = {"reference", "cpu"};
    for (int k = 0; k < 2; k++) {
        char args[512];
        snprintf(args, sizeof args, "--method grid --data synth:300:5 --strategy ema_cross --param n1=4 --param n2=20 "
                 "--param sl_pct=0.0,2.0 --backend %s", be[k]);
        int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
        cr_assert_eq(rc, 1, "%s: exit %d: %s", be[k], rc, err);
        cr_assert(strstr(err, "combination n1=4 n2=20 sl_pct=2.0: bar ") != NULL, "%s: %s", be[k], err);
        cr_assert(strstr(err, "AssertionError: Make sure 0 < price < inf! price: -") != NULL, "%s: %s", be[k], err);
    }
}

/* Requests that cannot fit in memory are refused before they are allocated,
 * with the estimate; --max-memory sets the limit. */
Test(cli, memory_beyond_the_limit_is_refused_with_the_estimate)
{
    expect_usage_error("--method grid --data synth:300 --param n1=1:5000001 --param n2=20 --max-memory 10M",
                       "--param 'n1=1:5000001' (5000000 values) needs about 42.9 MiB of memory, more than the 10.0 "
                       "MiB allowed (--max-memory SIZE sets the limit)");
    expect_usage_error("--method grid --data synth:2000 --param n1=5:30 --param n2=20:40 --max-memory 1G --top 100000 "
                       "--equity " BTGPU_TEST_TMP "/never.csv",
                       "the search (2000 bars, with the runs of the 100000 best kept) needs about");
    expect_usage_error(GRID "--max-memory 12Q", "option '--max-memory': '12Q' is not a size");
    expect_usage_error(GRID "--max-memory 0", "option '--max-memory': '0' is not a size");
    /* within the limit: the same search runs */
    int rc = bt_test_run_cli("--method grid --data synth:300 --param n1=1:50001 --param n2=20 --max-memory 1.5GiB "
                             "--quiet", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "%s", err);
    struct stat st;
    cr_assert(stat(BTGPU_TEST_TMP "/never.csv", &st) != 0, "a refused search writes nothing");
}

/* A long search says how long it will take; a constraint that rejects
 * everything says so while the search goes on. */
Test(cli, long_searches_announce_their_size_and_time)
{
    setenv("BTGPU_ESTIMATE_OVER", "0", 1); /* any search counts as long */
    setenv("BTGPU_CHUNK", "64", 1);        /* many chunks, so the probe ends before the search */
    char args[512];
    snprintf(args, sizeof args, "--method grid --data synth:2000 --param n1=2:100 --param n2=10:200 --backend reference "
             "--heatmap %s/announce.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    unsetenv("BTGPU_ESTIMATE_OVER");
    unsetenv("BTGPU_CHUNK");
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(strstr(err, "btgpu: 18620 combinations: about ") == err, "%s", err);
    cr_assert(strstr(err, " in all at ") && strstr(err, "; the heatmap ") && strstr(err, "will be about "), "%s", err);
    char path[256];
    snprintf(path, sizeof path, "%s/announce.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    unlink(path);
}

Test(cli, a_constraint_rejecting_ten_million_in_a_row_is_reported)
{
    int rc = bt_test_run_cli("--method grid --data synth:300 --param n1=1:100000 --param n2=1:120 "
                             "--constraint 'n1 > 10**6' --quiet", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "%s", err);
    cr_assert(strstr(err, "btgpu: warning: the constraint has rejected all of the first ") == err, "%s", err);
    cr_assert(strstr(err, " combinations (of 11899881); still searching (Ctrl-C stops)\n"), "%s", err);
    cr_assert(strstr(err, "btgpu: no admissible combination: the constraint rejects all 11899881 combinations"), "%s",
              err);
}

/* Several assets: each asset's column is its single-asset heatmap, byte for
 * byte; the aggregate column and the choice follow --aggregate. */

Test(cli, several_assets_give_each_asset_its_own_heatmap_column)
{
    char args[1024], multi[512], one[512];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(multi, sizeof multi, "%s/assets.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    snprintf(one, sizeof one, "%s/asset1.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    const char *grid = "--param n1=3:20:4 --param n2=10:50:8 --constraint 'n1<n2' --maximize 'Return [%]' --quiet";
    snprintf(args, sizeof args, "--method grid --data synth:500:1 --data synth:700:2 --aggregate min %s --heatmap %s",
             grid, multi);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *m = strdup(bt_test_slurp(multi));
    cr_assert(strncmp(m, "n1,n2,synth:500:1,synth:700:2,min Return [%]\n", 45) == 0, "%.80s", m);
    for (int a = 0; a < 2; a++) {
        snprintf(args, sizeof args, "--method grid --data synth:%d:%d %s --heatmap %s", a ? 700 : 500, a + 1, grid,
                 one);
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
        char *single = bt_test_csv_column(bt_test_slurp(one), 2);
        char *mine = bt_test_csv_column(m, 2 + a);
        /* the header differs (the asset's name, the key); every value agrees */
        cr_assert_str_eq(strchr(mine, '\n'), strchr(single, '\n'), "asset %d", a + 1);
        free(single);
        free(mine);
    }
    /* the aggregate is the smaller of the two, and the summary's best is its first maximum */
    double best = -INFINITY;
    for (const char *p = strchr(m, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
        double v1, v2, agg;
        int n1, n2;
        cr_assert_eq(sscanf(p, "%d,%d,%lf,%lf,%lf", &n1, &n2, &v1, &v2, &agg), 5, "%.60s", p);
        cr_assert_eq(agg, v1 < v2 ? v1 : v2, "n1=%d n2=%d", n1, n2);
        best = agg > best ? agg : best;
    }
    snprintf(args, sizeof args, "--method grid --data synth:500:1 --data synth:700:2 --aggregate min %s --stats %s",
             grid, one);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char want[128];
    snprintf(want, sizeof want, "\"aggregate\": {\"how\": \"min\", \"key\": \"Return [%%]\", \"value\": ");
    const char *js = bt_test_slurp(one);
    const char *at = strstr(js, want);
    cr_assert(at, "%.200s", js);
    cr_assert_eq(strtod(at + strlen(want), NULL), best);
    free(m);
    unlink(multi);
    unlink(one);
    expect_usage_error("--method grid --data synth:300 --data synth:300 --param n1=5", "--data synth:300 is given twice");
    expect_usage_error("--method grid --data synth:300 --data synth:400 --param n1=5 --top 3", "--top is for one asset");
    expect_usage_error(GRID "--aggregate max", "option '--aggregate': 'max' is not mean, median, min or nanmean");
}

Test(cli, a_folder_or_a_glob_names_several_assets)
{
    char dir[256], args[2048], h1[300], h2[300];
    snprintf(dir, sizeof dir, "%s/assets-dir.%ld", BTGPU_TEST_TMP, (long)getpid());
    mkdir(BTGPU_TEST_TMP, 0777);
    mkdir(dir, 0777);
    for (int k = 0; k < 2; k++) {
        snprintf(args, sizeof args, "synth --bars %d --seed %d --output %s/%c.csv", 300 + 100 * k, k + 1, dir, 'b' - k);
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    }
    snprintf(h1, sizeof h1, "%s.h1.csv", dir);
    snprintf(h2, sizeof h2, "%s.h2.csv", dir);
    snprintf(args, sizeof args, "--method grid --data %s --param n1=5,10 --param n2=20,30 --quiet --heatmap %s", dir, h1);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, "--method grid --data '%s/*.csv' --param n1=5,10 --param n2=20,30 --quiet --heatmap %s",
             dir, h2);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *a = strdup(bt_test_slurp(h1));
    cr_assert(strncmp(a, "n1,n2,a,b,mean SQN\n", 19) == 0, "sorted by name: %.60s", a);
    cr_assert_str_eq(a, bt_test_slurp(h2));
    free(a);
    snprintf(args, sizeof args, "--method grid --data '%s/*.txt' --param n1=5", dir);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2);
    cr_assert(strstr(err, "/*.txt': no file matches"), "%s", err);
    snprintf(args, sizeof args, "%s/a.csv", dir), unlink(args);
    snprintf(args, sizeof args, "%s/b.csv", dir), unlink(args);
    rmdir(dir);
    unlink(h1);
    unlink(h2);
}

Test(cli, walk_forward_options_are_checked)
{
    expect_usage_error(GRID "--param n1=5 --train 100", "--train is for --method walk-forward");
    expect_usage_error("--method walk-forward --data synth:400 --param n1=5 --train 100",
                       "--method walk-forward needs --train N and --test M");
    expect_usage_error("--method walk-forward --data synth:400 --param n1=5 --train 100 --test 2x",
                       "option '--test': '2x' is not a number of bars (e.g. 500) or a duration");
    expect_usage_error("--method walk-forward --data synth:400 --param n1=5 --train 100 --test 1m",
                       "give all three in bars or all as durations");
    expect_usage_error("--method walk-forward --data synth:400 --param n1=5 --train 300 --test 200",
                       "--train and --test: no window fits in the 400 bars of the data");
    expect_usage_error("--method walk-forward --data synth:400 --param n1=5 --train 100 --test 50 --top 2",
                       "--method walk-forward: --top is not supported");
}

Test(cli, walk_forward_windows_roll_over_the_data)
{
    char path[512], args[1024];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(path, sizeof path, "%s/windows.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    snprintf(args, sizeof args, "--method walk-forward --data synth:1000:3 --param n1=5,10 --param n2=20,40 "
             "--train 300 --test 200 --step 150 --windows %s --quiet", path);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    const char *w = bt_test_slurp(path);
    /* windows start at 0, 150, 300, 450 (the next, 600 + 300 + 200 > 1000, does not fit) */
    cr_assert_eq(count_lines(w), 5, "%s", w);
    int seen = 0;
    for (const char *p = strchr(w, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
        int k, trb, teb;
        char rest[64];
        cr_assert_eq(sscanf(p, "%d,%*[^,],%*[^,],%*[^,],%*[^,],%d,%d,%63s", &k, &trb, &teb, rest), 4, "%.80s", p);
        cr_assert_eq(k, ++seen);
        cr_assert_eq(trb, 300);
        cr_assert_eq(teb, 200);
    }
    /* the first window's train rows are the first 300 bars (synth:300:3 is synth:1000:3's prefix): its
     * in-sample best is that of a search on synth:300:3 */
    const char *row1 = strchr(w, '\n') + 1;
    char n1[16], n2[16], isv[64];
    cr_assert_eq(sscanf(row1, "%*[^,],%*[^,],%*[^,],%*[^,],%*[^,],%*[^,],%*[^,],%15[^,],%15[^,],%63[^,\n]", n1, n2, isv),
                 3, "%.120s", row1);
    cr_assert_eq(bt_test_run_cli("--method grid --data synth:300:3 --param n1=5,10 --param n2=20,40", out, sizeof out,
                                 err, sizeof err), 0, "%s", err);
    char want[256];
    snprintf(want, sizeof want, "Best:          n1=%s n2=%s  (SQN = %s)\n", n1, n2, isv);
    cr_assert(strstr(out, want), "want '%s' in\n%s", want, out);
    unlink(path);
}

/* Walk-forward over several assets: each asset's rows are its own run's, after an asset column. */
Test(cli, walk_forward_over_several_assets_gives_each_asset_its_own_windows)
{
    char both[256], one[256], args[1024];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(both, sizeof both, "%s/wf-both.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    snprintf(one, sizeof one, "%s/wf-one.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    const char *grid = "--method walk-forward --train 300 --test 100 --param n1=5,10 --param n2=20,40 --quiet";
    snprintf(args, sizeof args, "%s --data synth:800:1 --data synth:600:2 --windows %s", grid, both);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *b = strdup(bt_test_slurp(both));
    cr_assert(strncmp(b, "asset,window,train_start,", 25) == 0, "%.60s", b);
    const char *names[2] = {"synth:800:1", "synth:600:2"};
    size_t rows = 0;
    for (int a = 0; a < 2; a++) {
        snprintf(args, sizeof args, "%s --data %s --windows %s", grid, names[a], one);
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
        const char *o = bt_test_slurp(one);
        for (const char *p = strchr(o, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
            char line[4096];
            size_t len = (size_t)(strchr(p, '\n') - p);
            snprintf(line, sizeof line, "\n%s,%.*s\n", names[a], (int)len, p);
            cr_assert(strstr(b, line), "asset %s: row %.*s missing", names[a], (int)len, p);
            rows++;
        }
    }
    cr_assert_eq(rows, 5 + 3, "(800 - 300) / 100 and (600 - 300) / 100 windows");
    cr_assert_eq(count_lines(b), 1 + rows);
    free(b);
    unlink(both);
    unlink(one);
}

/* A class with built-in sma_cross's program (whatever its names, defaults,
 * docstrings, comments and the rest of its file) runs its grid on the native
 * kernel, with the interpreter's bytes; a program one operand away, or a grid
 * with a window that is not a whole number >= 1, runs in the vector executor. */
static char *replace_once(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    cr_assert_not_null(at, "'%s' in the built-in file", from);
    char *r = malloc(strlen(s) + strlen(to) + 1);
    cr_assert_not_null(r);
    sprintf(r, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return r;
}
Test(strategies, a_file_with_sma_cross_code_runs_on_the_native_kernel)
{
    size_t len = 0;
    long f = bt_builtin_file_find("sma_cross");
    cr_assert_geq(f, 0);
    const char *text = bt_builtin_file_text((size_t)f, &len);
    char *renamed = replace_once(text, "class SmaCross(Strategy):", "class MyCross(Strategy):  # mine");
    char *redoc = replace_once(renamed, "\"\"\"Moving-average", "'''Mine. Moving-average");
    char *redoc2 = replace_once(redoc, "it crosses below.\"\"\"", "it crosses below.'''\n\n    # the windows");
    char *on_open = replace_once(text, "close = self.data.Close", "close = self.data.Open");
    char *other_default = replace_once(text, "n1 = 10", "n1 = 11");
    char *fast = replace_once(text, "n1 = 10", "fast = 10"), *fast2 = replace_once(fast, "self.n1)", "self.fast)");
    char *slow = replace_once(fast2, "n2 = 20", "slow = 30"), *slow2 = replace_once(slow, "self.n2)", "self.slow)");
    char *sma = replace_once(slow2, "self.sma1 = ", "self.fast_ma = "), *sma2 = replace_once(sma, "self.sma2 = ",
                                                                                       "self.slow_ma = ");
    char *uses = replace_once(sma2, "crossover(self.sma1, self.sma2)", "crossover(self.fast_ma, self.slow_ma)");
    char *renamed_all = replace_once(uses, "crossover(self.sma2, self.sma1)", "crossover(self.slow_ma, self.fast_ma)");
    char script[8192];
    snprintf(script, sizeof script, "import math\nfrom backtesting import Backtest\n%s\n\nif __name__ == '__main__':\n"
             "    print(Backtest)\n", renamed_all);
    const struct {
        const char *tag, *text, *grid;
        int native;
    } cases[] = {
        {"verbatim", text, "--param n1=2:30:3 --param n2=10:80:7", 1},
        {"restyled", redoc2, "--param n1=2:30:3 --param n2=10:80:7", 1},
        {"restyled_n2_only", redoc2, "--param n2=10:80:7", 1},
        {"on_open", on_open, "--param n1=2:30:3 --param n2=10:80:7", 0},
        {"other_default", other_default, "--param n2=10:80:7", 1},
        {"renamed_in_a_script", script, "--param fast=2:30:3 --param slow=10:80:7", 1},
        {"window_0", text, "--param n1=0:30:3 --param n2=10:80:7", 0},
    };
    char path[4096], py[4100], args[8192], h[2][512];
    static char ref[1 << 16];
    const char *be[2] = {"reference", "cpu"};
    for (int k = 0; k < 2; k++)
        snprintf(h[k], sizeof h[k], "%s/twin-h-%s.%d.csv", BTGPU_TEST_TMP, be[k], (int)getpid());
    setenv("BTGPU_VX_WHY", "1", 1);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        snprintf(path, sizeof path, "%s", bt_test_write_file(cases[c].tag, cases[c].text));
        snprintf(py, sizeof py, "%s.py", path);
        cr_assert_eq(rename(path, py), 0);
        for (int k = 0; k < 2; k++) {
            snprintf(args, sizeof args, "--method grid --data synth:1500:5 --strategy '%s' %s --maximize 'Sharpe Ratio' "
                     "--heatmap-stats SQN,'Return [%%]' --heatmap '%s' --quiet --threads 2 --commission 0.001 "
                     "--backend %s", py, cases[c].grid, h[k], be[k]);
            int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
            cr_assert_eq(rc, 0, "%s %s: stderr: %s", cases[c].tag, be[k], err);
            if (k == 0) {
                snprintf(ref, sizeof ref, "%s", bt_test_slurp(h[0]));
                continue;
            }
            int native = strstr(err, "the strategy is built-in sma_cross's program: its native kernel runs the grid") != NULL;
            cr_assert_eq(native, cases[c].native, "%s: stderr: %s", cases[c].tag, err);
            cr_assert_eq(strstr(err, "vector executor") == NULL, cases[c].native, "%s: %s", cases[c].tag, err);
            cr_assert_str_eq(bt_test_slurp(h[1]), ref, "%s: the heatmaps differ", cases[c].tag);
        }
        if (c == 0 || c == 3) { /* the native kernel's OpenCL twin too (PoCL); a program without one: a usage error */
            snprintf(args, sizeof args, "--method grid --data synth:1500:5 --strategy '%s' %s --maximize 'Sharpe Ratio' "
                     "--heatmap-stats SQN,'Return [%%]' --heatmap '%s' --quiet --commission 0.001 --backend opencl",
                     py, cases[c].grid, h[1]);
            int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
            if (cases[c].native) {
                cr_assert_eq(rc, 0, "%s opencl: stderr: %s", cases[c].tag, err);
                cr_assert_str_eq(bt_test_slurp(h[1]), ref, "%s: the OpenCL heatmap differs", cases[c].tag);
            } else {
                cr_assert_eq(rc, 2, "%s opencl: stderr: %s", cases[c].tag, err);
                cr_assert(strstr(err, "only --backend cpu and reference run it so far") != NULL, "%s", err);
            }
        }
        cr_assert_gt(count_lines(ref), 10, "%s: %s", cases[c].tag, ref);
        unlink(py);
    }
    unsetenv("BTGPU_VX_WHY");
    for (int k = 0; k < 2; k++)
        unlink(h[k]);
    free(renamed);
    free(redoc);
    free(redoc2);
    free(on_open);
    free(other_default);
    char *more[] = {fast, fast2, slow, slow2, sma, sma2, uses, renamed_all};
    for (size_t k = 0; k < sizeof more / sizeof *more; k++)
        free(more[k]);
}

/* A grid whose combinations share few init() runs is searched in batches that
 * stay in the caches (one mapping reused by each), with the bytes of the
 * reference; one whose combinations share them stays one batch. */
Test(strategies, a_grid_of_unshared_indicators_runs_in_batches_with_the_reference_bytes)
{
    const struct {
        const char *grid;
        int batches;
    } cases[] = {
        {"--strategy macd_cross --param fast=3:30:1 --param slow=20:40:2 --param signal=5,9 --constraint 'fast < slow'", 2},
        {"--strategy rsi_threshold --param rsi_window=5:25:1 --param lower_bound=20:40:1 --param upper_bound=60,70", 1},
    };
    char args[4096], h[2][512];
    const char *be[2] = {"reference", "cpu"};
    for (int k = 0; k < 2; k++)
        snprintf(h[k], sizeof h[k], "%s/batch-h-%s.%d.csv", BTGPU_TEST_TMP, be[k], (int)getpid());
    setenv("BTGPU_VX_WHY", "1", 1);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        for (int k = 0; k < 2; k++) {
            snprintf(args, sizeof args, "--method grid --data synth:1500:4 %s --heatmap-stats SQN,'Return [%%]' "
                     "--heatmap '%s' --quiet --threads 2 --commission 0.001 --backend %s", cases[c].grid, h[k], be[k]);
            cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s: %s", args, err);
        }
        const char *at = strstr(err, "init() and the blocks in ");
        cr_assert_not_null(at, "%s", err);
        int nb = atoi(at + strlen("init() and the blocks in "));
        cr_assert(cases[c].batches > 1 ? nb > 1 : nb == 1, "%s: %d batches\n%s", cases[c].grid, nb, err);
        char *ref = strdup(bt_test_slurp(h[0]));
        cr_assert_gt(count_lines(ref), 300, "%s", ref);
        cr_assert_str_eq(bt_test_slurp(h[1]), ref, "%s: the heatmap differs from the reference's", cases[c].grid);
        free(ref);
    }
    unsetenv("BTGPU_VX_WHY");
    for (int k = 0; k < 2; k++)
        unlink(h[k]);
}

/* The built-in strategies' programs are compiled to C at build time: each
 * built-in (and a renamed copy of one in a user's file) runs as that code on
 * --backend cpu, with the bytes of the interpreted program (BTGPU_VX_GEN=0)
 * and of the reference engine, for any block size and thread count. */
Test(strategies, built_in_programs_run_as_code_compiled_at_build_time)
{
    size_t len = 0;
    long f = bt_builtin_file_find("rsi_threshold");
    cr_assert_geq(f, 0);
    char *mine = replace_once(bt_builtin_file_text((size_t)f, &len), "class RsiOscillator(Strategy):",
                              "class MyRsi(Strategy):  # mine");
    char path[4096], py[4100];
    snprintf(path, sizeof path, "%s", bt_test_write_file("my_rsi", mine));
    snprintf(py, sizeof py, "%s.py", path);
    cr_assert_eq(rename(path, py), 0);
    const struct {
        const char *strategy, *grid;
    } cases[] = {
        {"rsi_threshold", "--param rsi_window=5:25:4 --param lower_bound=20:40:5 --param upper_bound=60,70,80"},
        {py, "--param rsi_window=5:25:4 --param lower_bound=20:40:5 --param upper_bound=60,70,80"},
        {"macd_cross", "--param fast=5:15:3 --param slow=20:40:6 --param signal=5,9 --constraint 'fast < slow'"},
        {"bollinger_revert", "--param n=10:40:6 --param k=1.0:3.0:0.5"},
        {"donchian_breakout", "--param n=10:60:10 --param atr_mult=1.5:4.5:1.5 --param atr_periods=20,50"},
        {"ema_cross", "--param n1=3:21:3 --param n2=10:80:10 --constraint 'n1 < n2'"},
    };
    /* backend, BTGPU_VX_GEN, BTGPU_VX_BLOCK, threads, programs compiled in */
    const struct {
        const char *backend, *gen, *block;
        int threads, compiled;
    } runs[] = {
        {"reference", "1", "64", 2, -1},
        {"cpu", "1", "64", 2, BTGPU_VX_GEN_BUILT},
        {"cpu", "1", "5", 1, BTGPU_VX_GEN_BUILT},
        {"cpu", "0", "64", 2, 0},
    };
    char args[8192], h[512], want[128];
    static char ref[1 << 17];
    snprintf(h, sizeof h, "%s/gen-h.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    setenv("BTGPU_VX_WHY", "1", 1);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
            setenv("BTGPU_VX_GEN", runs[r].gen, 1);
            setenv("BTGPU_VX_BLOCK", runs[r].block, 1);
            snprintf(args, sizeof args, "--method grid --data synth:1500:7 --strategy '%s' %s --maximize 'Sharpe Ratio' "
                     "--heatmap-stats SQN,'Return [%%]','Max. Drawdown [%%]' --heatmap '%s' --quiet --threads %d "
                     "--commission 0.001 --backend %s", cases[c].strategy, cases[c].grid, h, runs[r].threads,
                     runs[r].backend);
            cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s: %s", args, err);
            if (r == 0) {
                snprintf(ref, sizeof ref, "%s", bt_test_slurp(h));
                cr_assert_gt(count_lines(ref), 10, "%s: %s", cases[c].strategy, ref);
                continue;
            }
            snprintf(want, sizeof want, "vector executor: %d of 1 programs run as code compiled at build time",
                     runs[r].compiled);
            cr_assert(strstr(err, want), "%s (BTGPU_VX_GEN=%s): want '%s' in\n%s", cases[c].strategy, runs[r].gen,
                      want, err);
            cr_assert(strstr(err, "0 of ") && strstr(err, " combinations handed to the interpreter"), "%s", err);
            cr_assert_str_eq(bt_test_slurp(h), ref, "%s, run %zu: the heatmap differs from the reference's",
                             cases[c].strategy, r);
        }
    }
    unsetenv("BTGPU_VX_WHY");
    unsetenv("BTGPU_VX_GEN");
    unsetenv("BTGPU_VX_BLOCK");
    unlink(h);
    unlink(py);
    free(mine);
}


/* btgpu never loads a library from the directory it runs in: a file named
 * like one of its libraries there is not looked at (an empty run-path entry
 * made the loader try it first, and fail on it, or run it) */
Test(cli, libraries_are_not_looked_for_in_the_current_directory)
{
    char dir[512], cmd[2048];
    snprintf(dir, sizeof dir, "%s/cwd-libs.%d", BTGPU_TEST_TMP, (int)getpid());
    cr_assert_eq(mkdir(dir, 0700), 0, "%s", dir);
    const char *libs[] = {"libgomp.so.1", "libcsv.so.3", "libm.so.6", "libOpenCL.so.1"};
    for (size_t k = 0; k < sizeof libs / sizeof *libs; k++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", dir, libs[k]);
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f);
        fputs("not a library\n", f);
        fclose(f);
    }
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' --version > out.txt 2> err.txt", dir, BTGPU_BINARY);
    int rc = system(cmd);
    char path[700];
    snprintf(path, sizeof path, "%s/err.txt", dir);
    cr_assert_eq(rc, 0, "btgpu --version in a folder with stand-in libraries: %s", bt_test_slurp(path));
    snprintf(path, sizeof path, "%s/out.txt", dir);
    cr_assert(strncmp(bt_test_slurp(path), "btgpu ", 6) == 0, "%s", bt_test_slurp(path));
    snprintf(cmd, sizeof cmd, "rm -r '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}
