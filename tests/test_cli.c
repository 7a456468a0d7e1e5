/* The btgpu command line: exit codes, messages, heatmap and stats files. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    expect_usage_error(GRID "--commission 0.1", "option '--commission': 0.10000000000000001 must be in [-0.1, 0.1)");
    expect_usage_error(GRID "--fixed-commission -1", "option '--fixed-commission': -1 must be");
    expect_usage_error(GRID "--spread nan", "option '--spread': 'nan' is not a finite number");
    expect_usage_error(GRID "--threads 0", "option '--threads': must be at least 1");
    expect_usage_error(GRID "--backend gpu", "option '--backend': 'gpu' is not a backend");
    expect_usage_error(GRID "--method sambo", "option '--method': 'sambo' is not supported");
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
    cr_assert(strstr(err, "btgpu: 100.0% of 280 combinations") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--param n1=2:10 --param n2=5:40 --progress --quiet", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_empty(err, "--quiet silences progress: %s", err);
}
