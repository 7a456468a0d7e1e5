/* Tests of host/stats/numeric.c (numpy-exact sums, pandas variance, CPython floor
 * division) and host/stats/stats.c (backtesting.py 0.6.6's compute_stats). */
#include <criterion/criterion.h>

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"
#include "numeric.h"

/* ------------------------------------------------------------ helpers */

#define BIG 9007199254740992.0 /* 2^53: above it only even integers exist */
#define DAY 86400
#define MON_2024_01_01 INT64_C(1704067200) /* a Monday */

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

#define assert_same(actual, expected)                                                           \
    do {                                                                                        \
        double a_ = (actual), e_ = (expected);                                                  \
        cr_assert(bits(a_) == bits(e_), "%s: got %.17g, expected %.17g", #actual, a_, e_);      \
    } while (0)

#define assert_nan(actual)                                                                      \
    do {                                                                                        \
        double a_ = (actual);                                                                   \
        cr_assert(isnan(a_), "%s: got %.17g, expected NaN", #actual, a_);                       \
    } while (0)

#define assert_close(actual, expected, rel)                                                     \
    do {                                                                                        \
        double a_ = (actual), e_ = (expected);                                                  \
        cr_assert(fabs(a_ - e_) <= (rel) * fabs(e_), "%s: got %.17g, expected %.17g", #actual,  \
                  a_, e_);                                                                      \
    } while (0)

/* A run under construction: n bars, times, closes, equity, trades. */
typedef struct fixture {
    bt_series s;
    bt_run r;
    int64_t time[64];
    double close[64], equity[64];
    bt_trade trades[8];
} fixture;

static void fx_init(fixture *f, size_t n, int is_datetime, int64_t t0, int64_t step)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n; i++) {
        f->time[i] = is_datetime ? t0 + (int64_t)i * step : (int64_t)i;
        f->close[i] = 100.0 + (double)(i % 5) - (double)(i % 3);
        f->equity[i] = 10000.0;
    }
    f->s.n = n;
    f->s.time = f->time;
    f->s.close = f->close;
    f->s.is_datetime = is_datetime;
    f->r.n_bars = n;
    f->r.equity = f->equity;
    f->r.trades = f->trades;
}

static void fx_trade(fixture *f, size_t entry, size_t exit, double pnl, double ret, double comm)
{
    bt_trade *t = &f->trades[f->r.n_trades++];
    t->size = 1;
    t->entry_bar = entry;
    t->exit_bar = exit;
    t->entry_price = 100;
    t->exit_price = 100 + pnl;
    t->sl = t->tp = NAN;
    t->pnl = pnl;
    t->commission = comm;
    t->return_pct = ret;
}

static bt_stats fx_stats(fixture *f)
{
    bt_stats st;
    bt_error err = {0};
    int rc = bt_stats_compute(&f->s, &f->r, &st, &err);
    cr_assert_eq(rc, BT_OK, "bt_stats_compute failed: %s", err.msg);
    return st;
}

/* An independent transcription of numpy's pairwise summation, written as
 * an explicit recursion over index ranges, to check the library against. */
static double ref_pairwise(const double *x, size_t lo, size_t hi)
{
    size_t n = hi - lo;
    if (n < 8) {
        double s = -0.0;
        for (size_t i = lo; i < hi; i++)
            s = s + x[i];
        return s;
    }
    if (n <= 128) {
        double acc[8];
        size_t full = n - n % 8;
        for (size_t j = 0; j < 8; j++) {
            acc[j] = x[lo + j];
            for (size_t i = lo + 8 + j; i < lo + full; i += 8)
                acc[j] = acc[j] + x[i];
        }
        double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (size_t i = lo + full; i < hi; i++)
            s = s + x[i];
        return s;
    }
    size_t half = n / 2 - (n / 2) % 8;
    return ref_pairwise(x, lo, lo + half) + ref_pairwise(x, lo + half, hi);
}

/* BIG followed by n-1 ones: each order of summation loses a different number
 * of the ones, so the result pins the order down. */
static double *big_then_ones(size_t n)
{
    double *x = malloc(n * sizeof *x);
    cr_assert_not_null(x);
    x[0] = BIG;
    for (size_t i = 1; i < n; i++)
        x[i] = 1.0;
    return x;
}

/* ------------------------------------------------------------ pairwise sums */

Test(pairwise_sum, five_elements_are_added_one_by_one_from_the_left)
{
    /* BIG+1 ties and rounds to even (BIG), -BIG gives 0, then 1+1 */
    double x[5] = {BIG, 1.0, -BIG, 1.0, 1.0};
    assert_same(bt_pairwise_sum(x, 5), 2.0);
}

Test(pairwise_sum, eight_elements_use_eight_accumulators_combined_as_a_tree)
{
    /* ((BIG+1)+(1+1)) + ((1+1)+(1+1)) = (BIG+2)+4 = BIG+6; a plain loop gives BIG */
    double *x = big_then_ones(8);
    assert_same(bt_pairwise_sum(x, 8), BIG + 6.0);
    free(x);
}

Test(pairwise_sum, the_ninth_element_is_added_after_the_accumulator_tree)
{
    /* (BIG+6) + 1 = BIG+7, a tie that rounds to the even BIG+8 */
    double *x = big_then_ones(9);
    assert_same(bt_pairwise_sum(x, 9), BIG + 8.0);
    free(x);
}

Test(pairwise_sum, sixteen_elements_accumulate_two_rounds_per_accumulator)
{
    /* r0 = BIG+1 -> BIG, r1..r7 = 2: (BIG+2+4) + 8 = BIG+14 */
    double *x = big_then_ones(16);
    assert_same(bt_pairwise_sum(x, 16), BIG + 14.0);
    free(x);
}

Test(pairwise_sum, one_hundred_thirty_elements_split_at_sixty_four)
{
    /* left 64: r0 = BIG (7 ones lost), r1..r7 = 8 -> BIG+56; right 66 ones
     * exact -> BIG+122; a plain loop would give BIG */
    double *x = big_then_ones(130);
    assert_same(bt_pairwise_sum(x, 130), BIG + 122.0);
    assert_same(bt_pairwise_sum(x, 130), ref_pairwise(x, 0, 130));
    free(x);
}

Test(pairwise_sum, nine_thousand_elements_are_one_pairwise_tree_in_numpy_2)
{
    /* splits 4496|4504, 2248|2248, 1120|1128, 560|560, 280|280, 136|144,
     * 64|72: BIG+56+72+144+280+560+1128+2248+4504 = BIG+8992 */
    double *x = big_then_ones(9000);
    assert_same(bt_pairwise_sum(x, 9000), BIG + 8992.0);
    assert_same(bt_pairwise_sum(x, 9000), ref_pairwise(x, 0, 9000));
    free(x);
}

Test(pairwise_sum, a_converting_sum_of_nine_thousand_works_in_8192_blocks)
{
    /* block 1: 128-leaf BIG+112, +128+256+...+4096 = BIG+8176; block 2: 808 */
    double *x = big_then_ones(9000);
    assert_same(bt_pairwise_sum_cast(x, 9000), BIG + 8984.0);
    assert_same(bt_pairwise_sum_cast(x, 9000), (0.0 + ref_pairwise(x, 0, 8192)) + ref_pairwise(x, 8192, 9000));
    free(x);
}

Test(pairwise_sum, random_lengths_match_the_reference_transcription)
{
    double *x = malloc(20000 * sizeof *x);
    uint64_t s = 88172645463325252u;
    for (size_t i = 0; i < 20000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        x[i] = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * pow(10.0, (double)(s % 17));
    }
    size_t lens[] = {1, 7, 8, 15, 127, 128, 129, 136, 255, 1000, 8191, 8192, 8193, 20000};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t n = lens[k];
        assert_same(bt_pairwise_sum(x, n), 0.0 + ref_pairwise(x, 0, n));
    }
    free(x);
}

typedef struct array_stream {
    const double *x;
    size_t i;
} array_stream;

static double array_next(void *ctx)
{
    array_stream *a = ctx;
    return a->x[a->i++];
}

Test(pairwise_sum, a_stream_of_values_sums_to_the_bits_of_the_array)
{
    /* ill-conditioned values: any other summation order changes the last bits */
    double *x = malloc(20000 * sizeof *x);
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < 20000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        x[i] = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * pow(10.0, (double)(s % 17));
    }
    size_t lens[] = {0, 1, 7, 8, 9, 127, 128, 129, 136, 255, 1000, 8191, 8192, 8193, 16500, 20000};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t n = lens[k];
        array_stream a = {x, 0}, b = {x, 0};
        assert_same(bt_pairwise_sum_stream(array_next, &a, n), bt_pairwise_sum(x, n));
        assert_same(bt_pairwise_sum_cast_stream(array_next, &b, n), bt_pairwise_sum_cast(x, n));
        cr_assert_eq(a.i, n, "the stream is read exactly once: %zu of %zu", a.i, n);
        cr_assert_eq(b.i, n);
    }
    free(x);
}

Test(pairwise_sum, an_empty_or_negative_zero_sum_is_positive_zero)
{
    double z[3] = {-0.0, -0.0, -0.0};
    assert_same(bt_pairwise_sum(z, 0), 0.0);
    assert_same(bt_pairwise_sum(z, 3), 0.0);
    assert_same(bt_pairwise_sum_block(z, 3), -0.0);
}

/* ------------------------------------------------------------ means and variances */

Test(nan_reductions, the_nan_mean_sums_the_full_array_with_nans_as_zeros)
{
    /* full-length sum with NaN -> 0 is BIG+6 (see above); count is 7 */
    double x[8] = {BIG, 1, 1, 1, 1, 1, 1, 1};
    double y[8] = {BIG, 1, 1, NAN, 1, 1, 1, 1};
    assert_same(bt_nanmean(x, 8), (BIG + 6.0) / 8.0);
    assert_same(bt_nanmean(y, 8), ((BIG + 1.0 + 0.0) + 4.0) / 7.0 /* = (BIG+4)/7 */);
    double none[2] = {NAN, NAN};
    assert_nan(bt_nanmean(none, 2));
    assert_nan(bt_nanmean(none, 0));
}

Test(nan_reductions, the_sample_variance_takes_two_passes_and_skips_nans)
{
    double x[5] = {1, 2, NAN, 3, 4};
    assert_same(bt_nanvar(x, 5, 1), 5.0 / 3.0);
    assert_same(bt_nanvar(x, 5, 0), 1.25);
    assert_same(bt_nanstd(x, 5, 1), sqrt(5.0 / 3.0));
    double one[1] = {3.0};
    assert_nan(bt_nanvar(one, 1, 1));
    assert_same(bt_nanvar(one, 1, 0), 0.0);
}

Test(nan_reductions, max_skips_nans_while_the_numpy_max_propagates_them)
{
    double x[4] = {1, NAN, 3, 2};
    assert_same(bt_nanmax(x, 4), 3.0);
    assert_same(bt_nanmin(x, 4), 1.0);
    assert_nan(bt_max_propagate(x, 4));
    assert_same(bt_max_propagate(x + 2, 2), 3.0);
    assert_nan(bt_nanmax(x, 0));
    assert_same(bt_nan_to_num(NAN), 0.0);
    assert_same(bt_nan_to_num(-INFINITY), -DBL_MAX);
}

/* ------------------------------------------------------------ floor division */

Test(py_floordiv, positive_operands_floor_like_python)
{
    assert_same(bt_py_floordiv(7.0, 2.0), 3.0);
    assert_same(bt_py_floordiv(6.0, 2.0), 3.0);
}

Test(py_floordiv, mixed_signs_round_toward_negative_infinity)
{
    assert_same(bt_py_floordiv(-7.0, 2.0), -4.0);
    assert_same(bt_py_floordiv(7.0, -2.0), -4.0);
    assert_same(bt_py_floordiv(-7.0, -2.0), 3.0);
}

Test(py_floordiv, one_by_a_tenth_is_nine_as_in_cpython_not_ten)
{
    /* 1/0.1 rounds to exactly 10.0, but fmod(1, 0.1) = 0.09999999999999995 */
    assert_same(floor(1.0 / 0.1), 10.0);
    assert_same(bt_py_floordiv(1.0, 0.1), 9.0);
}

Test(py_floordiv, a_zero_quotient_takes_the_sign_of_the_true_quotient)
{
    assert_same(bt_py_floordiv(0.0, -1.0), -0.0);
    assert_same(bt_py_floordiv(0.0, 1.0), 0.0);
    assert_same(bt_py_floordiv(1.0, INFINITY), 0.0);
    assert_same(bt_py_floordiv(-1.0, INFINITY), -1.0);
}

Test(py_floordiv, division_by_zero_gives_nan_for_the_caller_to_report)
{
    assert_nan(bt_py_floordiv(1.0, 0.0));
    assert_nan(bt_py_mod(1.0, 0.0));
}

Test(py_mod, the_remainder_has_the_sign_of_the_divisor)
{
    assert_same(bt_py_mod(-7.0, 2.0), 1.0);
    assert_same(bt_py_mod(7.0, -2.0), -1.0);
    assert_same(bt_py_mod(6.0, -2.0), -0.0);
    assert_same(bt_py_mod(5.5, 2.0), 1.5);
}

/* ------------------------------------------------------------ names */

Test(stat_names, every_name_maps_back_to_its_id)
{
    for (int i = 0; i < BT_N_STATS; i++) {
        const char *name = bt_stat_name(i);
        cr_assert_not_null(name);
        cr_assert_eq(bt_stat_find(name), i, "round trip of '%s'", name);
    }
    cr_assert_str_eq(bt_stat_name(BT_STAT_BUY_HOLD), "Buy & Hold Return [%]");
    cr_assert_str_eq(bt_stat_name(BT_STAT_N_TRADES), "# Trades");
    cr_assert_str_eq(bt_stat_name(BT_STAT_KELLY), "Kelly Criterion");
}

Test(stat_names, unknown_names_and_ids_are_rejected)
{
    cr_assert_eq(bt_stat_find("equity final [$]"), -1);
    cr_assert_eq(bt_stat_find("Sharpe"), -1);
    cr_assert_eq(bt_stat_find(NULL), -1);
    cr_assert_null(bt_stat_name(-1));
    cr_assert_null(bt_stat_name(BT_N_STATS));
}

/* ------------------------------------------------------------ statistics */

Test(stats, one_drawdown_episode_gives_its_depth_and_duration)
{
    fixture f;
    fx_init(&f, 5, 1, MON_2024_01_01, DAY);
    double e[5] = {100, 110, 99, 104.5, 121};
    memcpy(f.equity, e, sizeof e);
    bt_stats st = fx_stats(&f);
    double peak = 1.0 - 99.0 / 110.0; /* dd at bar 2; the episode is bars 1..4 */
    assert_same(st.v[BT_STAT_MAX_DD], -peak * 100.0);
    assert_same(st.v[BT_STAT_AVG_DD], -peak * 100.0);
    cr_assert_eq(st.kind[BT_STAT_MAX_DD_DURATION], BT_KIND_TIMEDELTA);
    assert_same(st.v[BT_STAT_MAX_DD_DURATION], 3.0 * DAY);
    assert_same(st.v[BT_STAT_AVG_DD_DURATION], 3.0 * DAY);
    assert_same(st.v[BT_STAT_EQUITY_PEAK], 121.0);
    assert_same(st.v[BT_STAT_RETURN], (121.0 - 100.0) / 100.0 * 100.0);
    cr_assert_eq(st.kind[BT_STAT_START], BT_KIND_TIME);
    assert_same(st.v[BT_STAT_START], (double)MON_2024_01_01);
    cr_assert_eq(st.kind[BT_STAT_DURATION], BT_KIND_TIMEDELTA);
    assert_same(st.v[BT_STAT_DURATION], 4.0 * DAY);
}

Test(stats, two_episodes_average_their_peaks_and_round_durations_up_to_days)
{
    fixture f;
    fx_init(&f, 8, 1, MON_2024_01_01, DAY); /* Mon..Mon: 1 weekend out of 8 */
    double e[8] = {100, 90, 100, 100, 95, 80, 85, 120};
    memcpy(f.equity, e, sizeof e);
    bt_stats st = fx_stats(&f);
    double p1 = 1.0 - 90.0 / 100.0, p2 = 1.0 - 80.0 / 100.0;
    assert_same(st.v[BT_STAT_MAX_DD], -p2 * 100.0);
    /* full-length series [nan, nan, p1, nan, nan, nan, nan, p2] -> (p1 + p2) / 2 */
    assert_same(st.v[BT_STAT_AVG_DD], -((p1 + p2) / 2.0) * 100.0);
    /* episodes 0..2 (2 days) and 3..7 (4 days): mean 3 days */
    assert_same(st.v[BT_STAT_MAX_DD_DURATION], 4.0 * DAY);
    assert_same(st.v[BT_STAT_AVG_DD_DURATION], 3.0 * DAY);
}

Test(stats, a_drawdown_on_the_last_bar_only_makes_the_durations_plain_numbers)
{
    fixture f;
    fx_init(&f, 4, 1, MON_2024_01_01, DAY);
    double e[4] = {100, 101, 102, 99};
    memcpy(f.equity, e, sizeof e);
    bt_stats st = fx_stats(&f);
    double dd = 1.0 - 99.0 / 102.0;
    cr_assert_eq(st.kind[BT_STAT_MAX_DD_DURATION], BT_KIND_NUMBER);
    assert_same(st.v[BT_STAT_MAX_DD_DURATION], dd);
    assert_same(st.v[BT_STAT_AVG_DD_DURATION], dd);
    assert_same(st.v[BT_STAT_AVG_DD], -dd * 100.0);
    assert_same(st.v[BT_STAT_MAX_DD], -dd * 100.0);
}

Test(stats, a_zero_trade_run_matches_the_reference_degenerate_table)
{
    fixture f;
    fx_init(&f, 10, 1, MON_2024_01_01, DAY);
    f.r.warmup = 2;
    bt_stats st = fx_stats(&f);
    assert_same(st.v[BT_STAT_EXPOSURE], 0.0);
    assert_same(st.v[BT_STAT_EQUITY_FINAL], 10000.0);
    cr_assert_eq(st.present[BT_STAT_COMMISSIONS], 0);
    assert_same(st.v[BT_STAT_RETURN], 0.0);
    assert_same(st.v[BT_STAT_BUY_HOLD], (f.close[9] - f.close[2]) / f.close[2] * 100.0);
    assert_same(st.v[BT_STAT_RETURN_ANN], 0.0);
    assert_same(st.v[BT_STAT_VOLATILITY_ANN], 0.0);
    cr_assert_eq(st.present[BT_STAT_CAGR], 1);
    assert_same(st.v[BT_STAT_CAGR], 0.0);
    assert_nan(st.v[BT_STAT_SHARPE]);
    assert_nan(st.v[BT_STAT_SORTINO]);
    assert_nan(st.v[BT_STAT_CALMAR]);
    assert_same(st.v[BT_STAT_BETA], 0.0);
    assert_same(st.v[BT_STAT_ALPHA], 0.0);
    assert_same(st.v[BT_STAT_MAX_DD], -0.0);
    assert_nan(st.v[BT_STAT_AVG_DD]);
    assert_nan(st.v[BT_STAT_MAX_DD_DURATION]);
    cr_assert_eq(st.kind[BT_STAT_MAX_DD_DURATION], BT_KIND_NUMBER);
    assert_nan(st.v[BT_STAT_AVG_DD_DURATION]);
    cr_assert_eq(st.kind[BT_STAT_AVG_DD_DURATION], BT_KIND_NUMBER);
    assert_same(st.v[BT_STAT_N_TRADES], 0.0);
    int nan_keys[] = {BT_STAT_WIN_RATE,      BT_STAT_BEST_TRADE,         BT_STAT_WORST_TRADE,
                      BT_STAT_AVG_TRADE,     BT_STAT_MAX_TRADE_DURATION, BT_STAT_AVG_TRADE_DURATION,
                      BT_STAT_PROFIT_FACTOR, BT_STAT_EXPECTANCY,         BT_STAT_SQN,
                      BT_STAT_KELLY};
    for (size_t k = 0; k < sizeof nan_keys / sizeof nan_keys[0]; k++) {
        assert_nan(st.v[nan_keys[k]]);
        cr_assert_eq(st.kind[nan_keys[k]], BT_KIND_NUMBER);
    }
}

Test(stats, a_single_winning_trade_has_no_sqn_and_a_full_win_rate)
{
    fixture f;
    fx_init(&f, 10, 1, MON_2024_01_01, DAY);
    f.r.warmup = 1;
    for (size_t i = 3; i < 10; i++)
        f.equity[i] = 10000.0 + 50.0 * (double)(i - 2);
    fx_trade(&f, 3, 7, 250.0, 0.025, 0.0);
    bt_stats st = fx_stats(&f);
    assert_same(st.v[BT_STAT_N_TRADES], 1.0);
    assert_same(st.v[BT_STAT_WIN_RATE], 100.0);
    assert_nan(st.v[BT_STAT_SQN]);
    assert_nan(st.v[BT_STAT_PROFIT_FACTOR]); /* no losing trade */
    assert_nan(st.v[BT_STAT_KELLY]);         /* no losing trade either */
    assert_same(st.v[BT_STAT_BEST_TRADE], 0.025 * 100.0);
    assert_same(st.v[BT_STAT_WORST_TRADE], 0.025 * 100.0);
    assert_same(st.v[BT_STAT_EXPECTANCY], 0.025 * 100.0);
    assert_same(st.v[BT_STAT_AVG_TRADE], (exp(log(0.025 + 1.0) / 1.0) - 1.0) * 100.0);
    assert_same(st.v[BT_STAT_EXPOSURE], 5.0 / 10.0 * 100.0);
    /* bars 3..7 are Thu..Mon: 4 calendar days */
    cr_assert_eq(st.kind[BT_STAT_MAX_TRADE_DURATION], BT_KIND_TIMEDELTA);
    assert_same(st.v[BT_STAT_MAX_TRADE_DURATION], 4.0 * DAY);
    assert_same(st.v[BT_STAT_AVG_TRADE_DURATION], 4.0 * DAY);
    cr_assert_eq(st.present[BT_STAT_COMMISSIONS], 0, "a zero commission sum is left out");
}

Test(stats, a_single_losing_trade_has_a_zero_win_rate)
{
    fixture f;
    fx_init(&f, 6, 1, MON_2024_01_01, DAY);
    fx_trade(&f, 1, 3, -30.0, -0.003, 4.5);
    f.equity[2] = 9990, f.equity[3] = 9970, f.equity[4] = 9970, f.equity[5] = 9970;
    bt_stats st = fx_stats(&f);
    assert_same(st.v[BT_STAT_WIN_RATE], 0.0);
    assert_nan(st.v[BT_STAT_SQN]);
    assert_same(st.v[BT_STAT_PROFIT_FACTOR], 0.0); /* 0 / 0.003 */
    cr_assert_eq(st.present[BT_STAT_COMMISSIONS], 1);
    assert_same(st.v[BT_STAT_COMMISSIONS], 4.5);
}

Test(stats, trade_statistics_follow_pandas_on_mixed_trades)
{
    fixture f;
    fx_init(&f, 12, 1, MON_2024_01_01, DAY);
    fx_trade(&f, 1, 2, 100.0, 0.01, 0.1);
    fx_trade(&f, 2, 4, -50.0, -0.005, 0.2);
    fx_trade(&f, 4, 8, 30.0, 0.003, 0.3);
    bt_stats st = fx_stats(&f);
    double pnl[3] = {100, -50, 30}, ret[3] = {0.01, -0.005, 0.003};
    double w = 2.0 / 3.0;
    assert_same(st.v[BT_STAT_WIN_RATE], w * 100.0);
    assert_same(st.v[BT_STAT_COMMISSIONS], (0.1 + 0.2) + 0.3);
    assert_same(st.v[BT_STAT_PROFIT_FACTOR], (0.01 + 0.003) / 0.005);
    assert_same(st.v[BT_STAT_EXPECTANCY], ((0.01 + -0.005) + 0.003) / 3.0 * 100.0);
    double mean = ((100.0 - 50.0) + 30.0) / 3.0;
    assert_same(st.v[BT_STAT_SQN], sqrt(3.0) * mean / sqrt(bt_nanvar(pnl, 3, 1)));
    assert_same(st.v[BT_STAT_KELLY], w - (1.0 - w) / (((100.0 + 30.0) / 2.0) / -(-50.0 / 1.0)));
    assert_same(st.v[BT_STAT_BEST_TRADE], 0.01 * 100.0);
    assert_same(st.v[BT_STAT_WORST_TRADE], -0.005 * 100.0);
    double lg[3] = {log(1.0 + ret[0]), log(1.0 + ret[1]), log(1.0 + ret[2])};
    assert_same(st.v[BT_STAT_AVG_TRADE], (exp(((lg[0] + lg[1]) + lg[2]) / 3.0) - 1.0) * 100.0);
    /* bars 1..8 are covered: 8 of 12 */
    assert_same(st.v[BT_STAT_EXPOSURE], 8.0 / 12.0 * 100.0);
    /* durations 1 day (Tue-Wed), 2 days (Wed-Fri), 4 days (Fri-Tue): mean 7/3 -> 3 days */
    assert_same(st.v[BT_STAT_MAX_TRADE_DURATION], 4.0 * DAY);
    assert_same(st.v[BT_STAT_AVG_TRADE_DURATION], 3.0 * DAY);
}

Test(stats, a_non_datetime_index_leaves_out_cagr_and_annualized_risk)
{
    fixture f;
    fx_init(&f, 6, 0, 0, 0);
    double e[6] = {100, 110, 99, 104.5, 121, 118};
    memcpy(f.equity, e, sizeof e);
    fx_trade(&f, 1, 4, 21.0, 0.1, 0.0);
    bt_stats st = fx_stats(&f);
    cr_assert_eq(st.present[BT_STAT_CAGR], 0);
    assert_nan(bt_stats_rank_value(&st, BT_STAT_CAGR));
    assert_same(st.v[BT_STAT_RETURN_ANN], 0.0);
    assert_nan(st.v[BT_STAT_VOLATILITY_ANN]);
    assert_nan(st.v[BT_STAT_SHARPE]);
    assert_nan(st.v[BT_STAT_SORTINO]);
    assert_same(st.v[BT_STAT_CALMAR], 0.0);
    cr_assert_eq(st.kind[BT_STAT_START], BT_KIND_TIME);
    assert_same(st.v[BT_STAT_END], 5.0);
    cr_assert_eq(st.kind[BT_STAT_DURATION], BT_KIND_NUMBER);
    assert_same(st.v[BT_STAT_DURATION], 5.0);
    /* one episode in index units, not rounded: bars 1..4; the dip on the
     * last bar (4..5) is no episode because it has no bar inside it */
    cr_assert_eq(st.kind[BT_STAT_MAX_DD_DURATION], BT_KIND_NUMBER);
    assert_same(st.v[BT_STAT_MAX_DD_DURATION], 3.0);
    assert_same(st.v[BT_STAT_AVG_DD_DURATION], 3.0);
    assert_same(st.v[BT_STAT_AVG_DD], -(1.0 - 99.0 / 110.0) * 100.0);
    cr_assert_eq(st.kind[BT_STAT_MAX_TRADE_DURATION], BT_KIND_NUMBER);
    assert_same(st.v[BT_STAT_MAX_TRADE_DURATION], 3.0);
}

Test(stats, an_integer_index_spanning_int64_gives_overflow_free_durations)
{
    /* differences past INT64_MAX: pandas' int64 subtraction wraps (backtesting.py
     * 0.6.6 reports Duration -3 for this index); btgpu gives the true difference */
    fixture f;
    fx_init(&f, 6, 0, 0, 0);
    const int64_t t[6] = {INT64_MIN + 1, -INT64_C(5000000000000000000), -INT64_C(1000000000000000000),
                          INT64_C(1000000000000000000), INT64_C(5000000000000000000), INT64_MAX - 1};
    double e[6] = {100, 110, 99, 104.5, 121, 118};
    memcpy(f.time, t, sizeof t);
    memcpy(f.equity, e, sizeof e);
    fx_trade(&f, 0, 5, 18.0, 0.18, 0.0);
    fx_trade(&f, 2, 3, 5.5, 0.05, 0.0);
    bt_stats st = fx_stats(&f);
    assert_same(st.v[BT_STAT_START], (double)(INT64_MIN + 1));
    assert_same(st.v[BT_STAT_END], (double)(INT64_MAX - 1));
    assert_same(st.v[BT_STAT_DURATION], 0x1p64);             /* 2^64 - 3, to the nearest double */
    assert_same(st.v[BT_STAT_MAX_DD_DURATION], 1e19);        /* the episode at bars 1..4 */
    assert_same(st.v[BT_STAT_AVG_DD_DURATION], 1e19);
    assert_same(st.v[BT_STAT_MAX_TRADE_DURATION], 0x1p64);
    assert_same(st.v[BT_STAT_AVG_TRADE_DURATION], (0x1p64 + 2e18) / 2.0);
}

Test(stats, commissions_are_left_out_when_they_sum_to_zero)
{
    fixture f;
    fx_init(&f, 6, 1, MON_2024_01_01, DAY);
    fx_trade(&f, 1, 2, 1.0, 0.001, 0.0);
    bt_stats st = fx_stats(&f);
    cr_assert_eq(st.present[BT_STAT_COMMISSIONS], 0);
    assert_same(bt_stats_rank_value(&st, BT_STAT_COMMISSIONS), 0.0);
    f.trades[0].commission = 0.25;
    st = fx_stats(&f);
    cr_assert_eq(st.present[BT_STAT_COMMISSIONS], 1);
    assert_same(bt_stats_rank_value(&st, BT_STAT_COMMISSIONS), 0.25);
}

/* Equity growing 1 % per period on the given index: Return (Ann.) must be
 * (1.01^N - 1) * 100 for the periods-per-year N the index implies. */
static double annualized_growth(const int64_t *t, size_t n)
{
    fixture f;
    fx_init(&f, n, 1, 0, 0);
    memcpy(f.time, t, n * sizeof *t);
    double e = 100.0;
    for (size_t i = 0; i < n; i++) {
        f.equity[i] = e;
        e *= 1.01;
    }
    bt_stats st = fx_stats(&f);
    return st.v[BT_STAT_RETURN_ANN];
}

Test(stats, weekly_data_is_annualized_with_52_periods)
{
    int64_t t[30];
    for (size_t i = 0; i < 30; i++)
        t[i] = MON_2024_01_01 + 6 * DAY + (int64_t)i * 7 * DAY; /* Sundays */
    assert_close(annualized_growth(t, 30), (pow(1.01, 52) - 1.0) * 100.0, 1e-12);
}

Test(stats, monthly_data_is_annualized_with_12_periods)
{
    /* month ends of 2022-2023 (median spacing 31 days) */
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t t[24], day = 18993 + 30; /* 2022-01-31 */
    for (size_t i = 0; i < 24; i++) {
        t[i] = day * DAY;
        day += mdays[(i + 1) % 12];
    }
    assert_close(annualized_growth(t, 24), (pow(1.01, 12) - 1.0) * 100.0, 1e-12);
}

Test(stats, business_daily_data_is_annualized_with_252_periods)
{
    int64_t t[20];
    size_t k = 0;
    for (int64_t d = 0; k < 20; d++)
        if (d % 7 < 5)
            t[k++] = MON_2024_01_01 + d * DAY;
    assert_close(annualized_growth(t, 20), (pow(1.01, 252) - 1.0) * 100.0, 1e-11);
}

Test(stats, calendar_daily_data_with_weekends_is_annualized_with_365_periods)
{
    int64_t t[21];
    for (size_t i = 0; i < 21; i++)
        t[i] = MON_2024_01_01 + (int64_t)i * DAY;
    assert_close(annualized_growth(t, 21), (pow(1.01, 365) - 1.0) * 100.0, 1e-11);
}

Test(stats, hourly_data_uses_the_last_equity_of_each_day_and_rounds_to_hours)
{
    fixture f;
    /* 3 days x 8 hourly bars, Mon..Wed 09:00-16:00 */
    fx_init(&f, 24, 1, 0, 0);
    for (size_t i = 0; i < 24; i++) {
        f.time[i] = MON_2024_01_01 + (int64_t)(i / 8) * DAY + (9 + (int64_t)(i % 8)) * 3600;
        f.equity[i] = 1000.0 + (double)i;
    }
    fx_trade(&f, 1, 2, 1.0, 0.001, 0.0); /* 1 hour */
    fx_trade(&f, 3, 5, 1.0, 0.001, 0.0); /* 2 hours */
    bt_stats st = fx_stats(&f);
    /* daily closes 1007, 1015, 1023: two returns */
    double r1 = 1015.0 / 1007.0 - 1.0, r2 = 1023.0 / 1015.0 - 1.0;
    double g = exp((log(r1 + 1.0) + log(r2 + 1.0)) / 2.0) - 1.0;
    assert_same(st.v[BT_STAT_RETURN_ANN], (pow(1.0 + g, 252.0) - 1.0) * 100.0);
    /* the mean 1.5 h is rounded up to whole hours */
    assert_same(st.v[BT_STAT_MAX_TRADE_DURATION], 7200.0);
    assert_same(st.v[BT_STAT_AVG_TRADE_DURATION], 7200.0);
}

Test(stats, rank_values_turn_durations_into_days)
{
    fixture f;
    fx_init(&f, 5, 1, MON_2024_01_01, DAY);
    fx_trade(&f, 0, 2, 1.0, 0.001, 0.0);
    bt_stats st = fx_stats(&f);
    assert_same(bt_stats_rank_value(&st, BT_STAT_MAX_TRADE_DURATION), 2.0);
    assert_same(bt_stats_rank_value(&st, BT_STAT_DURATION), 4.0);
    assert_same(bt_stats_rank_value(&st, BT_STAT_WIN_RATE), 100.0);
    assert_nan(bt_stats_rank_value(&st, -1));
}

Test(stats, inconsistent_inputs_are_usage_errors)
{
    fixture f;
    fx_init(&f, 5, 1, MON_2024_01_01, DAY);
    bt_stats st;
    bt_error err = {0};
    f.r.n_bars = 4;
    cr_assert_eq(bt_stats_compute(&f.s, &f.r, &st, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "4 bars") != NULL, "message: %s", err.msg);
    f.r.n_bars = 5;
    fx_trade(&f, 1, 5, 1.0, 0.001, 0.0);
    cr_assert_eq(bt_stats_compute(&f.s, &f.r, &st, &err), BT_ERR_USAGE);
    f.r.n_trades = 0;
    f.r.warmup = 5;
    cr_assert_eq(bt_stats_compute(&f.s, &f.r, &st, NULL), BT_ERR_USAGE);
}

Test(stats, overlapping_trades_count_each_covered_bar_once_for_exposure)
{
    fixture f;
    fx_init(&f, 10, 1, MON_2024_01_01, DAY);
    fx_trade(&f, 1, 5, 1.0, 0.001, 0.0);
    fx_trade(&f, 3, 7, 1.0, 0.001, 0.0);
    fx_trade(&f, 9, 9, 1.0, 0.001, 0.0);
    bt_stats st = fx_stats(&f);
    assert_same(st.v[BT_STAT_EXPOSURE], 8.0 / 10.0 * 100.0); /* bars 1..7 and 9 */
}
