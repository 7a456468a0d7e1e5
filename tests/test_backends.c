/* The CPU backend against the reference engine: byte-identical heatmaps and
 * statistics on random series and grids, for every statistic and setting. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"

typedef struct capture {
    double *v;
    size_t n, cap;
} capture;

static int sink(void *ctx, const double *values, double value)
{
    capture *c = ctx;
    (void)values;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = value;
    return BT_OK;
}

typedef struct grid_case {
    const char *n1, *n2, *constraint;
} grid_case;

static void search(const bt_series *s, const grid_case *gc, const bt_options *o, int key, bt_backend be,
                   int threads, capture *cap, bt_optimize_result *res)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, gc->n1, &err), BT_OK, "%s", err.msg);
    cr_assert_eq(bt_grid_add_param(&g, gc->n2, &err), BT_OK, "%s", err.msg);
    if (gc->constraint)
        cr_assert_eq(bt_grid_set_constraint(&g, gc->constraint, &err), BT_OK, "%s", err.msg);
    bt_optimize_spec spec = {.series = s, .strategy = bt_strategy_find("sma_cross"), .grid = &g, .options = o,
                             .maximize = key, .backend = be, .threads = threads, .on_row = sink, .on_row_ctx = cap};
    int rc = bt_optimize(&spec, res, &err);
    cr_assert_eq(rc, BT_OK, "%s", err.msg);
    bt_grid_free(&g);
}

static void same_bits(const capture *a, const capture *b, const char *what)
{
    cr_assert_eq(a->n, b->n, "%s: %zu vs %zu rows", what, a->n, b->n);
    for (size_t k = 0; k < a->n; k++)
        cr_assert(memcmp(&a->v[k], &b->v[k], sizeof(double)) == 0, "%s: row %zu: reference %.17g, cpu %.17g", what,
                  k, a->v[k], b->v[k]);
}

/* The reference engine, the CPU backend (crossing path where it applies)
 * and the CPU backend's per-bar body on one search: the same bits. The
 * reference's values go to ref when it is not NULL (the caller frees them). */
static void cpu_paths_equal_reference(const bt_series *s, const grid_case *gc, const bt_options *o, int key,
                                      const char *what, capture *ref)
{
    capture r = {0}, c = {0}, p = {0};
    bt_optimize_result rr, rc, rp;
    char label[160];
    search(s, gc, o, key, BT_BACKEND_REFERENCE, 1, &r, &rr);
    search(s, gc, o, key, BT_BACKEND_CPU, 2, &c, &rc);
    setenv("BTGPU_CPU_PER_BAR", "1", 1);
    search(s, gc, o, key, BT_BACKEND_CPU, 1, &p, &rp);
    unsetenv("BTGPU_CPU_PER_BAR");
    snprintf(label, sizeof label, "%s, %s", what, bt_stat_name(key));
    same_bits(&r, &c, label);
    snprintf(label, sizeof label, "%s, %s, per-bar body", what, bt_stat_name(key));
    same_bits(&r, &p, label);
    if (ref)
        *ref = r;
    else
        free(r.v);
    free(c.v);
    free(p.v);
    bt_optimize_result_free(&rr);
    bt_optimize_result_free(&rc);
    bt_optimize_result_free(&rp);
}

static const grid_case grids[] = {
    {"n1=2:40:3", "n2=3:120:5", "n1 < n2"},      /* 13 x 24 with a constraint: ragged blocks */
    {"n1=7", "n2=33", NULL},                     /* one combination */
    {"n1=1,2,3,5,8,13,21,34,55,89", "n2=1:300:13", NULL}, /* windows of 1, zero-trade and n1 >= n2 combinations */
    {"n1=3:9", "n2=250,400,700", NULL},          /* lookbacks longer than the series */
    {"n2=10:60:7", "n1=2:12:3", NULL},           /* n2 swept first: the other gather-free layout */
};

static void compare_all(size_t bars, unsigned seed, const bt_options *o, const char *label)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(bars, seed, &s, &err), BT_OK, "%s", err.msg);
    for (size_t gi = 0; gi < sizeof grids / sizeof grids[0]; gi++)
        for (int key = BT_STAT_EXPOSURE; key < BT_N_STATS; key++) {
            capture r = {0}, c1 = {0}, c2 = {0};
            bt_optimize_result rr, rc1, rc2;
            search(&s, &grids[gi], o, key, BT_BACKEND_REFERENCE, 2, &r, &rr);
            search(&s, &grids[gi], o, key, BT_BACKEND_CPU, 1, &c1, &rc1);
            search(&s, &grids[gi], o, key, BT_BACKEND_CPU, 2, &c2, &rc2);
            char what[256];
            snprintf(what, sizeof what, "%s, grid %zu, %s", label, gi, bt_stat_name(key));
            same_bits(&r, &c1, what);
            same_bits(&c1, &c2, what);
            /* the per-bar body, where the crossing path would run */
            capture c3 = {0};
            bt_optimize_result rc3;
            setenv("BTGPU_CPU_PER_BAR", "1", 1);
            search(&s, &grids[gi], o, key, BT_BACKEND_CPU, 2, &c3, &rc3);
            unsetenv("BTGPU_CPU_PER_BAR");
            snprintf(what, sizeof what, "%s, grid %zu, %s, per-bar body", label, gi, bt_stat_name(key));
            same_bits(&r, &c3, what);
            free(c3.v);
            bt_optimize_result_free(&rc3);
            snprintf(what, sizeof what, "%s, grid %zu, %s", label, gi, bt_stat_name(key));
#ifdef BTGPU_HAVE_OPENCL
            /* the OpenCL kernel (PoCL here) runs the same per-lane code */
            capture g = {0};
            bt_optimize_result rg;
            search(&s, &grids[gi], o, key, BT_BACKEND_OPENCL, 2, &g, &rg);
            snprintf(what, sizeof what, "%s, grid %zu, %s, opencl", label, gi, bt_stat_name(key));
            same_bits(&c1, &g, what);
            free(g.v);
            bt_optimize_result_free(&rg);
#endif
            cr_assert_eq(rr.best_index, rc1.best_index, "%s: best", what);
            cr_assert(memcmp(&rr.best_stats, &rc1.best_stats, sizeof rr.best_stats) == 0, "%s: stats", what);
            free(r.v);
            free(c1.v);
            free(c2.v);
            bt_optimize_result_free(&rr);
            bt_optimize_result_free(&rc1);
            bt_optimize_result_free(&rc2);
        }
    bt_series_free(&s);
}

Test(backends, cpu_equals_reference_with_commission, .timeout = 600)
{
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.002;
    compare_all(600, 11, &o, "commission");
}

Test(backends, cpu_equals_reference_with_finalize_spread_and_trade_on_close, .timeout = 600)
{
    bt_options o;
    bt_options_default(&o);
    o.spread = 0.001;
    o.trade_on_close = 1;
    o.finalize_trades = 1;
    compare_all(517, 12, &o, "finalize/spread/trade_on_close");
}

Test(backends, cpu_equals_reference_when_leverage_wipes_accounts_out, .timeout = 600)
{
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.02;
    o.fixed_commission = 3;
    o.commission = 0.001;
    o.finalize_trades = 1;
    compare_all(700, 13, &o, "margin 0.02");
}

Test(backends, cpu_equals_reference_on_intraday_bars)
{
    /* hourly bars (resampled to days for the period returns) */
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(900, 14, &s, &err), BT_OK, "%s", err.msg);
    for (size_t i = 0; i < s.n; i++)
        s.time[i] = 946857600 + (int64_t)i * 3600;
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.0002;
    grid_case gc = {"n1=2:30:4", "n2=5:90:6", "n1 < n2"};
    for (int key = BT_STAT_EXPOSURE; key < BT_N_STATS; key++) {
        capture r = {0}, c = {0};
        bt_optimize_result rr, rc;
        search(&s, &gc, &o, key, BT_BACKEND_REFERENCE, 1, &r, &rr);
        search(&s, &gc, &o, key, BT_BACKEND_CPU, 2, &c, &rc);
        same_bits(&r, &c, bt_stat_name(key));
        free(r.v);
        free(c.v);
        bt_optimize_result_free(&rr);
        bt_optimize_result_free(&rc);
    }
    bt_series_free(&s);
}

Test(backends, cpu_equals_reference_on_tiny_series_and_at_tile_edges, .timeout = 600)
{
    /* 1 to 4 bars (windows longer than the series, a last bar that is also
     * the first), and lengths around the CPU backend's 512-bar time tiles,
     * with wipe-outs (margin 0.05) so that lanes die inside and across tiles */
    static const size_t lengths[] = {1, 2, 3, 4, 511, 512, 513, 1025};
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.05;
    o.commission = 0.001;
    o.finalize_trades = 1;
    grid_case gc = {"n1=1:7", "n2=2:40:3", NULL};
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        bt_series s = {0};
        bt_error err = {0};
        cr_assert_eq(bt_series_synth(lengths[li], 16 + (unsigned)li, &s, &err), BT_OK, "%s", err.msg);
        char what[64];
        snprintf(what, sizeof what, "%zu bars", lengths[li]);
        for (int key = BT_STAT_EXPOSURE; key < BT_N_STATS; key++)
            cpu_paths_equal_reference(&s, &gc, &o, key, what, NULL);
        bt_series_free(&s);
    }
}

Test(backends, cpu_equals_reference_when_prices_cross_zero)
{
    /* negative prices (the CSV loader accepts them): SMAs change sign, and a
     * lane past the end of a block (vector padding) must never see the
     * sign change as its own crossover; blocks of 13 and 4 lanes */
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(400, 21, &s, &err), BT_OK, "%s", err.msg);
    double mean = 0;
    for (size_t i = 0; i < s.n; i++)
        mean += s.close[i] / (double)s.n;
    for (size_t i = 0; i < s.n; i++) {
        s.open[i] -= mean;
        s.high[i] -= mean;
        s.low[i] -= mean;
        s.close[i] -= mean;
    }
    size_t sign_changes = 0;
    for (size_t i = 1; i < s.n; i++)
        sign_changes += (s.close[i] < 0) != (s.close[i - 1] < 0);
    cr_assert(sign_changes >= 4, "the series crosses zero (%zu times)", sign_changes);
    bt_options o;
    bt_options_default(&o);
    static const grid_case gcs[] = {{"n1=1:4", "n2=4:17", NULL}, {"n2=4:17", "n1=1:4", NULL}};
    static const int keys[] = {BT_STAT_N_TRADES, BT_STAT_EQUITY_FINAL, BT_STAT_SQN};
    for (size_t g = 0; g < 2; g++)
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            cpu_paths_equal_reference(&s, &gcs[g], &o, keys[k], g ? "n2 first" : "n1 first", NULL);
    bt_series_free(&s);
}

Test(backends, a_wipe_out_on_the_only_strategy_bar_gives_an_all_zero_curve)
{
    /* windows of n - 1 bars: the strategy runs on the last bar only, and the
     * finalize order wipes the account out there; backtesting.py back-fills
     * the leading bars with that 0, and so must every backend */
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(140, 847872, &s, &err), BT_OK, "%s", err.msg);
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.02;
    o.finalize_trades = 1;
    grid_case gc = {"n2=40:44", "n1=136:140", NULL};
    int zero_curves = 0;
    for (int key = BT_STAT_EXPOSURE; key < BT_N_STATS; key++) {
        capture r = {0};
        cpu_paths_equal_reference(&s, &gc, &o, key, "windows of n - 1 bars", &r);
        if (key == BT_STAT_EQUITY_PEAK)
            for (size_t k = 0; k < r.n; k++)
                zero_curves += r.v[k] == 0;
        free(r.v);
    }
    cr_assert(zero_curves > 0, "some combination has an all-zero equity curve (Equity Peak 0)");
    bt_series_free(&s);
}

Test(backends, heatmap_value_agrees_with_full_statistics)
{
    /* the streaming accumulators and the full statistics of the best run
     * agree to 1e-12 for every key (exactly for the exact ones) */
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(800, 15, &s, &err), BT_OK, "%s", err.msg);
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.002;
    grid_case gc = {"n1=5:30:5", "n2=10:70:5", "n1 < n2"};
    for (int key = BT_STAT_EXPOSURE; key < BT_N_STATS; key++) {
        capture c = {0};
        bt_optimize_result res;
        search(&s, &gc, &o, key, BT_BACKEND_CPU, 2, &c, &res);
        double full = bt_stats_rank_value(&res.best_stats, key), heat = res.best_value;
        if (isnan(full) || isnan(heat))
            cr_assert(isnan(full) && isnan(heat), "%s: %.17g vs %.17g", bt_stat_name(key), full, heat);
        else
            cr_assert(fabs(full - heat) <= 1e-12 * fmax(1, fabs(full)), "%s: full %.17g, heatmap %.17g",
                      bt_stat_name(key), full, heat);
        free(c.v);
        bt_optimize_result_free(&res);
    }
    bt_series_free(&s);
}

#include "bt_lanes.h"
#include "numeric.h"

Test(backends, fast_floor_division_equals_cpython_bit_for_bit)
{
    /* random sizes and prices, plus quotients that sit on or next to whole numbers */
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (int k = 0; k < 2000000; k++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double u = (double)(s >> 11) / 9007199254740992.0;
        double b = 0.01 + u * 5000;
        double a;
        switch (k % 6) {
        case 4: a = b * ldexp(1.0 + u, 49 + (int)(k % 5)); break; /* quotients about 2^50 .. 2^54 */
        case 5: a = nextafter(b * ldexp(floor(u * 4096) + 1, 39 + (int)(k % 13)), k % 2 ? 0 : INFINITY); break;
        case 0: a = u * 1e7; break;
        case 1: a = b * floor(u * 1e6); break;                   /* exact multiples */
        case 2: a = nextafter(b * floor(u * 1e6), 0); break;     /* just below */
        default: a = nextafter(b * floor(u * 1e6), INFINITY); break; /* just above */
        }
        double want = bt_py_floordiv(a, b), got = bt_lane_floordiv(a, b);
        cr_assert(memcmp(&want, &got, sizeof want) == 0, "%.17g // %.17g: CPython %.17g, lanes %.17g", a, b, want,
                  got);
    }
    cr_assert_eq(bt_lane_floordiv(1.0, 0.1), 9.0, "CPython's 1.0 // 0.1 is 9.0");
    double pz = bt_lane_floordiv(0.0, 3.0), nz = bt_lane_floordiv(-0.0, 3.0);
    cr_assert(!signbit(pz) && pz == 0 && signbit(nz) && nz == 0, "0.0 // 3.0 is 0.0 and -0.0 // 3.0 is -0.0");
    cr_assert_eq(bt_lane_floordiv(9999.999999999998, 10.5), 952.0);
}
