/* Several statistics per combination (bt_optimize_spec.heatmap_stats,
 * --heatmap-stats) and --min-trades: every extra column has the bits of a
 * search that maximizes that statistic, on every backend and engine path. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btgpu.h"
#include "support.h"

/* Rows of one search: the ranked value and the extra statistics. */
typedef struct table {
    size_t n, cap, width; /* width: 1 + number of extra statistics */
    double *v;            /* n x width */
    double *params;       /* n x n_params */
    size_t n_params;
} table;

static void grow(table *t)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->v = realloc(t->v, t->cap * t->width * sizeof *t->v);
        t->params = realloc(t->params, t->cap * (t->n_params ? t->n_params : 1) * sizeof *t->params);
        cr_assert(t->v && t->params);
    }
}

static int stats_sink(void *ctx, const double *values, const int *types, double value, const double *stats)
{
    table *t = ctx;
    (void)types;
    grow(t);
    t->v[t->n * t->width] = value;
    for (size_t k = 1; k < t->width; k++)
        t->v[t->n * t->width + k] = stats[k - 1];
    memcpy(t->params + t->n * t->n_params, values, t->n_params * sizeof *values);
    t->n++;
    return BT_OK;
}

static int value_sink(void *ctx, const double *values, double value)
{
    table *t = ctx;
    grow(t);
    t->v[t->n * t->width] = value;
    memcpy(t->params + t->n * t->n_params, values, t->n_params * sizeof *values);
    t->n++;
    return BT_OK;
}

typedef struct scase {
    const char *strategy;
    const char *params[3];
    const char *constraint;
    bt_backend backend;
} scase;

static void run_search(const bt_series *s, const scase *c, const bt_options *o, int key, const int *hs, size_t nhs,
                       uint64_t min_trades, table *t, bt_optimize_result *res)
{
    const bt_strategy_info *st = NULL;
    bt_error err = {0};
    bt_grid g = {0};
    cr_assert_eq(bt_strategy_resolve(c->strategy, &st, &err), BT_OK, "%s", err.msg);
    for (size_t p = 0; p < 3 && c->params[p]; p++)
        cr_assert_eq(bt_grid_add_param(&g, c->params[p], &err), BT_OK, "%s", err.msg);
    if (c->constraint)
        cr_assert_eq(bt_grid_set_constraint(&g, c->constraint, &err), BT_OK, "%s", err.msg);
    memset(t, 0, sizeof *t);
    t->width = 1 + nhs;
    t->n_params = g.n_params;
    bt_optimize_spec spec = {.series = s, .strategy = st, .grid = &g, .options = o, .maximize = key,
                             .backend = c->backend, .threads = 2, .on_row_ctx = t, .heatmap_stats = hs,
                             .n_heatmap_stats = nhs, .min_trades = min_trades};
    if (nhs)
        spec.on_stats_row = stats_sink;
    else
        spec.on_row = value_sink;
    int rc = bt_optimize(&spec, res, &err);
    cr_assert_eq(rc, BT_OK, "%s: %s", c->strategy, err.msg);
    bt_grid_free(&g);
    bt_strategy_release(st);
}

static void table_free(table *t)
{
    free(t->v);
    free(t->params);
    memset(t, 0, sizeof *t);
}

/* Every rankable statistic as an extra column of a search maximizing SQN,
 * against one single-key search per statistic: the same bits, row by row. */
static const int per_bar[] = {BT_STAT_EQUITY_PEAK, BT_STAT_RETURN_ANN, BT_STAT_VOLATILITY_ANN, BT_STAT_CAGR,
                              BT_STAT_SHARPE, BT_STAT_SORTINO, BT_STAT_CALMAR, BT_STAT_ALPHA, BT_STAT_BETA,
                              BT_STAT_MAX_DD, BT_STAT_AVG_DD, BT_STAT_MAX_DD_DURATION, BT_STAT_AVG_DD_DURATION};

static int needs_bars(int k)
{
    for (size_t i = 0; i < sizeof per_bar / sizeof *per_bar; i++)
        if (per_bar[i] == k)
            return 1;
    return 0;
}

static void columns_match(const bt_series *s, const scase *c, const bt_options *o, int trades_only)
{
    int hs[BT_N_STATS];
    size_t nhs = 0;
    /* on a device: the statistics it evaluates itself (the ones needing logarithms stay on the CPU) */
    const int device = c->backend == BT_BACKEND_OPENCL;
    for (int k = 0; k < BT_N_STATS; k++)
        if (bt_stat_rankable(k) && !(device && (k == BT_STAT_ALPHA || k == BT_STAT_BETA || k == BT_STAT_AVG_TRADE)) &&
            !(trades_only && needs_bars(k)))
            hs[nhs++] = k;
    cr_assert_eq(nhs, trades_only ? 29 - 13 - (device ? 1 : 0) : device ? 26 : 29, "%zu statistics", nhs);
    table all;
    bt_optimize_result ra;
    run_search(s, c, o, BT_STAT_SQN, hs, nhs, 0, &all, &ra);
    if (device)
        cr_assert(strncmp(ra.backend_used, "opencl", 6) == 0, "evaluated by %s", ra.backend_used);
    cr_assert_gt(all.n, 3, "%s: a grid with rows", c->strategy);
    size_t finite = 0;
    for (size_t k = 0; k < nhs; k++) {
        table one;
        bt_optimize_result r1;
        run_search(s, c, o, hs[k], NULL, 0, 0, &one, &r1);
        cr_assert_eq(one.n, all.n, "%s: %s: %zu vs %zu rows", c->strategy, bt_stat_name(hs[k]), one.n, all.n);
        for (size_t i = 0; i < all.n; i++) {
            double a = all.v[i * all.width + 1 + k], b = one.v[i];
            cr_assert(memcmp(&a, &b, sizeof a) == 0, "%s (backend %d): row %zu, '%s': %.17g in the table, %.17g "
                      "maximizing it", c->strategy, (int)c->backend, i, bt_stat_name(hs[k]), a, b);
            finite += isfinite(a) != 0;
            if (hs[k] == BT_STAT_SQN) /* the maximized column itself */
                cr_assert(memcmp(&a, &all.v[i * all.width], sizeof a) == 0);
        }
        bt_optimize_result_free(&r1);
        table_free(&one);
    }
    cr_assert_gt(finite, all.n * nhs / 2, "%s: most values are numbers (%zu of %zu)", c->strategy, finite,
                 all.n * nhs);
    bt_optimize_result_free(&ra);
    table_free(&all);
}

/* Every statistic at once (the per-bar path), and the trade statistics
 * alone (the crossing / quiet-bar paths), against single-key searches. */
static void all_columns_match(const bt_series *s, const scase *c, const bt_options *o)
{
    columns_match(s, c, o, 0);
    columns_match(s, c, o, 1);
}

static bt_series series(size_t n, uint64_t seed)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(n, seed, &s, &err), BT_OK, "%s", err.msg);
    return s;
}

Test(heatmap_stats, native_sma_cross_on_cpu_and_reference, .timeout = 600)
{
    bt_series s = series(900, 3);
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.002;
    scase cases[] = {
        {"sma_cross", {"n1=3:30:4", "n2=10:70:9"}, "n1 < n2", BT_BACKEND_CPU},
        {"sma_cross", {"n1=3:30:4", "n2=10:70:9"}, "n1 < n2", BT_BACKEND_REFERENCE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        all_columns_match(&s, &cases[k], &o);
    bt_series_free(&s);
}

Test(heatmap_stats, native_sma_cross_on_opencl, .timeout = 600)
{
    bt_series s = series(700, 4);
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.5;
    scase c = {"sma_cross", {"n1=2:20:3", "n2=8:50:6"}, NULL, BT_BACKEND_OPENCL};
    all_columns_match(&s, &c, &o);
    bt_series_free(&s);
}

Test(heatmap_stats, compiled_strategies_through_the_vector_executor, .timeout = 600)
{
    bt_series s = series(800, 5);
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.001;
    scase cases[] = {
        /* trades only: the quiet-bar schedule; with per-bar keys the hybrid */
        {"rsi_threshold", {"rsi_window=6:16:4", "lower_bound=20:40:10", "upper_bound=60:80:10"}, NULL, BT_BACKEND_CPU},
        /* SL/TP orders: the broker mode */
        {"ema_cross", {"n1=4:16:5", "n2=20:50:15", "sl_pct=0.0,0.02"}, "n1 < n2", BT_BACKEND_CPU},
        {"ema_cross", {"n1=4:16:5", "n2=20:50:15", "sl_pct=0.0,0.02"}, "n1 < n2", BT_BACKEND_REFERENCE},
        /* a trailing stop and limit orders */
        {"donchian_breakout", {"n=10:40:10", "atr_mult=2.0,3.0"}, NULL, BT_BACKEND_CPU},
        {"bollinger_revert", {"n=10:30:10", "k=1.5,2.0", "sl_pct=0.0,0.03"}, NULL, BT_BACKEND_CPU},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        all_columns_match(&s, &cases[k], &o);
    bt_series_free(&s);
}

/* --min-trades: rows below it rank as NaN, the best is the best of the rest. */
Test(heatmap_stats, min_trades_masks_the_ranking)
{
    bt_series s = series(900, 6);
    bt_options o;
    bt_options_default(&o);
    scase c = {"sma_cross", {"n1=3:40:3", "n2=10:120:10"}, "n1 < n2", BT_BACKEND_CPU};
    int hs[1] = {BT_STAT_N_TRADES};
    table plain, masked;
    bt_optimize_result rp, rm;
    run_search(&s, &c, &o, BT_STAT_EQUITY_FINAL, hs, 1, 0, &plain, &rp);
    /* a threshold between the fewest and the most trades */
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < plain.n; i++) {
        double nt = plain.v[i * 2 + 1];
        if (nt == nt) {
            lo = fmin(lo, nt);
            hi = fmax(hi, nt);
        }
    }
    cr_assert_lt(lo + 2, hi, "trade counts vary (%g .. %g)", lo, hi);
    uint64_t min = (uint64_t)((lo + hi) / 2);
    run_search(&s, &c, &o, BT_STAT_EQUITY_FINAL, hs, 1, min, &masked, &rm);
    cr_assert_eq(masked.n, plain.n);
    size_t best = SIZE_MAX, n_masked = 0;
    for (size_t i = 0; i < plain.n; i++) {
        double nt = plain.v[i * 2 + 1], v = plain.v[i * 2], mv = masked.v[i * 2];
        cr_assert(memcmp(&nt, &masked.v[i * 2 + 1], sizeof nt) == 0, "row %zu: # Trades is kept", i);
        if (nt == nt && nt >= (double)min) {
            cr_assert(memcmp(&v, &mv, sizeof v) == 0, "row %zu: %g trades >= %llu: value kept", i, nt,
                      (unsigned long long)min);
            if (best == SIZE_MAX || v > plain.v[best * 2])
                best = i;
        } else {
            cr_assert(mv != mv, "row %zu: %g trades < %llu: NaN", i, nt, (unsigned long long)min);
            n_masked++;
        }
    }
    cr_assert_gt(n_masked, 0);
    cr_assert_eq(rm.n_no_trades, rp.n_no_trades, "the combinations without trades stay counted as such");
    cr_assert_eq(rm.n_few_trades + rm.n_no_trades, n_masked, "%llu + %llu of %zu", (unsigned long long)rm.n_few_trades,
                 (unsigned long long)rm.n_no_trades, n_masked);
    cr_assert_gt(rm.n_few_trades, 0);
    cr_assert_eq(rp.n_few_trades, 0);
    cr_assert_neq(best, SIZE_MAX);
    cr_assert(memcmp(rm.best_values, plain.params + best * plain.n_params, 2 * sizeof(double)) == 0,
              "best: n1=%g n2=%g, expected n1=%g n2=%g", rm.best_values[0], rm.best_values[1],
              plain.params[best * 2], plain.params[best * 2 + 1]);
    cr_assert_geq(rm.best_stats.v[BT_STAT_N_TRADES], (double)min);
    cr_assert_eq(rm.best_value, plain.v[best * 2]);
    bt_optimize_result_free(&rp);
    bt_optimize_result_free(&rm);
    table_free(&plain);
    table_free(&masked);
    bt_series_free(&s);
}

/* The CLI: the extra columns are the single-key heatmaps' columns, byte for byte. */
static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

Test(heatmap_stats, cli_columns_equal_single_key_heatmaps, .timeout = 300)
{
    char out[8192], err[8192], args[2048], path[512], one[512];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(path, sizeof path, "%s/hs-all.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    snprintf(one, sizeof one, "%s/hs-one.%ld.csv", BTGPU_TEST_TMP, (long)getpid());
    const char *base = "--method grid --data synth:600:9 --param n1=3:20:4 --param n2=10:50:8 --constraint 'n1<n2' "
                       "--commission 0.001 --quiet";
    snprintf(args, sizeof args, "%s --maximize 'Sharpe Ratio' --heatmap '%s' --heatmap-stats "
             "' Max. Drawdown [%%] ,# Trades,Win Rate [%%],# Trades'", base, path);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *all = read_all(path);
    cr_assert(strncmp(all, "n1,n2,Sharpe Ratio,Max. Drawdown [%],# Trades,Win Rate [%]\n", 58) == 0, "%.80s", all);
    const char *keys[] = {"Sharpe Ratio", "Max. Drawdown [%]", "# Trades", "Win Rate [%]"};
    for (size_t k = 0; k < 4; k++) {
        snprintf(args, sizeof args, "%s --maximize '%s' --heatmap '%s'", base, keys[k], one);
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
        char *single = read_all(one);
        char *a = bt_test_csv_column(all, 2 + k), *b = bt_test_csv_column(single, 2);
        cr_assert_str_eq(a, b, "column '%s'", keys[k]);
        char *pa = bt_test_csv_column(all, 0), *pb = bt_test_csv_column(single, 0);
        cr_assert_str_eq(pa, pb);
        free(a), free(b), free(pa), free(pb), free(single);
    }
    free(all);
    /* 'all': the 28 statistics besides the maximized one */
    snprintf(args, sizeof args, "%s --heatmap '%s' --heatmap-stats all", base, path);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    all = read_all(path);
    size_t commas = 0;
    for (const char *p = all; *p != '\n'; p++)
        commas += *p == ',';
    cr_assert_eq(commas, 2 + 28, "%.300s", all);
    cr_assert(strstr(all, ",SQN,Exposure Time [%],") == all + 5, "%.60s", all);
    free(all);
    unlink(path);
    unlink(one);
}

Test(heatmap_stats, cli_rejects_bad_lists_with_a_clear_message)
{
    char out[4096], err[4096];
    struct {
        const char *args, *want;
    } bad[] = {
        {"--heatmap-stats 'Sharpe Ratio'", "needs --heatmap"},
        {"--heatmap H.csv --heatmap-stats 'Sharpe Ration'", "did you mean 'Sharpe Ratio'"},
        {"--heatmap H.csv --heatmap-stats 'SQN,,Sharpe Ratio'", "an empty key"},
        {"--heatmap H.csv --heatmap-stats 'Duration'", "the same for every combination"},
        {"--min-trades -3", "--min-trades"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char args[512];
        snprintf(args, sizeof args, "--method grid --data synth:300 --param n1=5,10 --param n2=20 %s", bad[k].args);
        cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 2, "%s: %s", bad[k].args, err);
        cr_assert(strstr(err, bad[k].want), "%s: %s", bad[k].args, err);
    }
}
