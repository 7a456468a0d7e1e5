/*
 * stats.c - backtesting.py 0.6.6's compute_stats (backtesting/_stats.py) in C.
 *
 * Reference: numpy 2.4.6, pandas 3.1.1 (no bottleneck), CPython 3.11, as in
 * docs §4 of backtesting-semantics.md. Every statistic follows the library's
 * order of operations; the comments quote the Python expression reproduced.
 *
 * Time units. pandas 3 parses a CSV's dates into datetime64[us], so every
 * Timedelta reduction (means of durations, the data period's median) happens
 * on int64 MICROseconds: the mean is a float64 pairwise sum of the int64
 * values (numpy's buffered cast: 8192-element blocks) divided by the count
 * and truncated back to int64 microseconds, then rounded up (ceil) to the
 * resolution of the data period. Results are reported in seconds.
 *
 * Known, accepted differences (tests/parity/stats_check measures them):
 *  - np.exp and np.log run numpy's own AVX-512F code on AVX-512 CPUs and
 *    differ from glibc's exp/log by 1 ulp for a few per cent of inputs. np.exp
 *    is called twice per run (the geometric means behind Return (Ann.),
 *    Volatility, Sharpe, Sortino, Calmar, and Avg. Trade), np.log once per bar
 *    for Beta. This file uses glibc, which is what numpy uses on other CPUs;
 *    a 1-ulp exp difference becomes ~1e-12 relative after (1+g)^252.
 *  - np.cov's dot product is BLAS dsyrk; blas_syrk_dot() mirrors OpenBLAS's
 *    SkylakeX kernel (bit-exact there), other BLAS builds differ ~1e-15.
 */
#include "btgpu.h"
#include "calendar.h"
#include "numeric.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define US_PER_S INT64_C(1000000)
#define US_PER_DAY (INT64_C(86400) * US_PER_S)

/* The registry (stats.def) must list the bt_stat_id enum of btgpu.h exactly:
 * each id at its own row, and as many rows as BT_N_STATS. */
enum stat_row {
#define BT_STAT(id, ...) STAT_ROW_##id,
#include "stats.def"
#undef BT_STAT
    STAT_ROWS
};
#define BT_STAT(id, ...) _Static_assert((int)id == (int)STAT_ROW_##id, #id " is not at its row of stats.def");
#include "stats.def"
#undef BT_STAT
_Static_assert((int)STAT_ROWS == (int)BT_N_STATS, "stats.def and bt_stat_id in btgpu.h list different statistics");

static const char *const stat_names[BT_N_STATS] = {
#define BT_STAT(id, key, ...) [id] = key,
#include "stats.def"
#undef BT_STAT
};

/* bt_stats_rank_value of a key backtesting.py left out */
static const double stat_absent[BT_N_STATS] = {
#define BT_STAT(id, key, kind, groups, ranked, absent) [id] = absent,
#include "stats.def"
#undef BT_STAT
};

static const unsigned char stat_rankable[BT_N_STATS] = {
#define BT_STAT(id, key, kind, groups, ranked, absent) [id] = ranked,
#include "stats.def"
#undef BT_STAT
};

int bt_stat_rankable(int id) { return id >= 0 && id < BT_N_STATS && stat_rankable[id]; }

const char *bt_stat_name(int id)
{
    if (id < 0 || id >= BT_N_STATS)
        return NULL;
    return stat_names[id];
}

int bt_stat_find(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < BT_N_STATS; i++)
        if (strcmp(name, stat_names[i]) == 0)
            return i;
    return -1;
}

double bt_stats_rank_value(const bt_stats *st, int id)
{
    if (!st || id < 0 || id >= BT_N_STATS)
        return NAN;
    if (!st->present[id])
        return stat_absent[id];
    switch (st->kind[id]) {
    case BT_KIND_TIMEDELTA:
        return st->v[id] / 86400.0;
    case BT_KIND_TIME:
        /* seconds since the epoch -> days; for an integer index the value is
         * scaled the same way (Start/End are equal for every combination of
         * one series, so the scale never changes a ranking). */
        return st->v[id] / 86400.0;
    default:
        return st->v[id];
    }
}

/* ------------------------------------------------------------ helpers */

/* Python's `x or nan` for a float: 0.0 and -0.0 are falsy, NaN is truthy. */
static double or_nan(double x)
{
    return x == 0.0 ? NAN : x;
}

static int64_t floordiv_i64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Timedelta.ceil(unit) on an int64 value (pandas rounds in integers). */
static int64_t ceil_to(int64_t v, int64_t unit)
{
    int64_t r = v % unit;
    if (r > 0)
        return v - r + unit;
    if (r < 0)
        return v - r;
    return v;
}

/* Timedelta.resolution_string of the data period as a unit in microseconds:
 * the smallest non-zero component (D, h, min, s, ms, us); a zero period is 'D'. */
static int64_t resolution_us(int64_t period_us)
{
    if (period_us % 1000 != 0)
        return 1;
    if (period_us % US_PER_S != 0)
        return 1000;
    if (period_us % (60 * US_PER_S) != 0)
        return US_PER_S;
    if (period_us % (3600 * US_PER_S) != 0)
        return 60 * US_PER_S;
    if (period_us % US_PER_DAY != 0)
        return 3600 * US_PER_S;
    return US_PER_DAY;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* _data_period(index): median of the diffs of the last 100 timestamps, in us.
 * pandas' median of a timedelta Series: float64 median (mean of the two
 * middle values for an even count), truncated to int64. Returns 0 and sets
 * *nat when there is no diff (a single bar: NaT). */
static int64_t data_period_us(const int64_t *t, size_t n, int *nat)
{
    size_t first = n > 100 ? n - 100 : 0;
    size_t k = n - first;
    *nat = 0;
    if (k < 2) {
        *nat = 1;
        return 0;
    }
    int64_t d[99];
    size_t m = k - 1;
    for (size_t i = 0; i < m; i++)
        d[i] = (t[first + i + 1] - t[first + i]) * US_PER_S;
    qsort(d, m, sizeof d[0], cmp_i64);
    if (m % 2)
        return d[m / 2];
    double a = (double)d[m / 2 - 1], b = (double)d[m / 2];
    double med = (0.0 + (-0.0 + a + b)) / 2.0; /* np.mean of the two middle values */
    return (int64_t)med;                       /* np.int64(result): truncation */
}

/* Days since 1970-01-01 -> civil year and month (proleptic Gregorian). */
static void civil_from_days(int64_t z, int64_t *y, int *m)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
}

enum { RS_DAY, RS_WEEK, RS_MONTH, RS_YEAR };

/* The resample bin of a timestamp (monotone in t). */
static int64_t bin_key(int64_t t, int rule)
{
    int64_t day = floordiv_i64(t, 86400);
    switch (rule) {
    case RS_WEEK: {
        /* 'W' = 'W-SUN', closed right: the Sunday on or after the date */
        int64_t dow = ((day + 3) % 7 + 7) % 7; /* Monday = 0; 1970-01-01 was a Thursday */
        return day + (6 - dow);
    }
    case RS_MONTH: {
        int64_t y;
        int m;
        civil_from_days(day, &y, &m);
        return y * 12 + (m - 1);
    }
    case RS_YEAR: {
        int64_t y;
        int m;
        civil_from_days(day, &y, &m);
        return y;
    }
    default:
        return day;
    }
}

/* backtesting.py's annualization of a datetime index: periods per year N
 * (52 weekly, 12 monthly, 1 yearly, else 365 with weekends or 252) and the
 * resample rule of the period returns, from the data period. */
static void annualization(const int64_t *t, size_t n, int period_nat, int64_t period_us, double *N, int *rule)
{
    int64_t freq_days = period_nat ? -1 : floordiv_i64(period_us, US_PER_DAY);
    size_t wk = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t day = floordiv_i64(t[i], 86400);
        int64_t dow = ((day + 3) % 7 + 7) % 7;
        wk += (dow == 5 || dow == 6);
    }
    int have_weekends = (double)wk / (double)n > 2.0 / 7.0 * 0.6;
    *N = freq_days == 7 ? 52.0 : freq_days == 31 ? 12.0 : freq_days == 365 ? 1.0 : (have_weekends ? 365.0 : 252.0);
    *rule = freq_days == 7 ? RS_WEEK : freq_days == 31 ? RS_MONTH : freq_days == 365 ? RS_YEAR : RS_DAY;
}

/* CAGR's years: (Duration.days + Duration.seconds / 86400) / 365.25. */
static double cagr_years(int64_t dur_s)
{
    int64_t days = floordiv_i64(dur_s, 86400);
    int64_t secs = dur_s - days * 86400;
    return ((double)days + (double)secs / 86400.0) / 365.25;
}

/* backtesting._stats.geometric_mean on a NaN-free array: a = r + 1; 0 if any
 * a <= 0; else exp(sum(log(a)) / m) - 1 (NaN for m == 0). tmp: m doubles. */
static double geometric_mean(const double *r, size_t m, double *tmp)
{
    for (size_t i = 0; i < m; i++) {
        double a = (isnan(r[i]) ? 0.0 : r[i]) + 1.0;
        if (a <= 0.0)
            return 0.0;
        tmp[i] = log(a);
    }
    double s = bt_pairwise_sum(tmp, m);
    return exp(s / (m ? (double)m : NAN)) - 1.0;
}

static void set_stat(bt_stats *out, int id, double v, int kind)
{
    out->v[id] = v;
    out->present[id] = 1;
    out->kind[id] = (unsigned char)kind;
}

/* Beta: np.cov's dot(X, X.T) for the 2 x k matrix X: numpy hands it to BLAS dsyrk.
 * This mirrors OpenBLAS 0.3.x's dsyrk driver with the SkylakeX kernel (the
 * reference machine: scipy-openblas 0.3.31, DYNAMIC_ARCH): k is cut into
 * blocks of GEMM_Q = 384, except that a remainder between 385 and 767 is
 * split in two ((len + 1) / 2 first); each block is one fused multiply-add
 * chain from 0, and the block results are added to C in order. Other BLAS
 * builds or CPUs order the sum differently (about 1e-15 relative). */

/* ------------------------------------------------------------ per-bar streams
 *
 * The statistics reduce several per-bar series derived from the equity curve
 * (the drawdown, its episodes' durations and peaks, the period returns, the
 * log returns behind Beta). Storing them took six doubles a bar besides the
 * series and the equity; instead each reduction walks a generator that
 * recomputes the series from the equity and the index, and the pairwise sums
 * take their values from it in order (bt_pairwise_sum_stream: the same bits
 * as over an array). Only arrays per trade are allocated. */

/* bt_nanmax's step: NaN values are skipped. */
static double nanmax_fold(double m, double x)
{
    if (isnan(x))
        return m;
    return (isnan(m) || x > m) ? x : m;
}

/* dd = 1 - equity / np.maximum.accumulate(equity), one bar after another */
typedef struct dd_iter {
    const double *E;
    double rm;
    size_t i;
} dd_iter;

static double dd_next(dd_iter *d)
{
    const double e = d->E[d->i];
    if (d->i == 0)
        d->rm = e;
    else if (isnan(d->rm) || isnan(e))
        d->rm = NAN;
    else if (e > d->rm)
        d->rm = e;
    d->i++;
    return 1.0 - e / d->rm;
}

/* compute_drawdown_duration_peaks' episodes, one bar after another: the bars
 * with no drawdown and the last bar end an episode when they follow the
 * previous such bar by more than one; its duration runs from that bar, its
 * peak is the nanmax of dd over both ends and the bars between. */
typedef struct episodes {
    dd_iter dd;
    const int64_t *t;
    size_t n;
    int is_dt;
    size_t prev; /* the last such bar, (size_t)-1 before the first */
    double pk;   /* nanmax of dd since prev (inclusive) */
} episodes;

static void episodes_init(episodes *ep, const bt_series *s, const bt_run *run)
{
    memset(ep, 0, sizeof *ep);
    ep->dd.E = run->equity;
    ep->t = s->time;
    ep->n = s->n;
    ep->is_dt = s->is_datetime != 0;
    ep->prev = (size_t)-1;
    ep->pk = NAN;
}

/* Advances one bar: its dd to *ddv; 1 when an episode ends there, with its
 * duration (microseconds or index units) and peak. */
static int episode_step(episodes *ep, double *ddv, double *dur, double *pk)
{
    const size_t i = ep->dd.i;
    const double d = dd_next(&ep->dd);
    *ddv = d;
    ep->pk = nanmax_fold(ep->pk, d);
    if (!(d == 0.0) && i != ep->n - 1)
        return 0;
    int ends = 0;
    if (ep->prev != (size_t)-1 && i > ep->prev + 1) {
        const int64_t *t = ep->t;
        /* an integer index may span the int64 range: its difference in double */
        *dur = ep->is_dt ? (double)((t[i] - t[ep->prev]) * US_PER_S) : bt_time_diff(t[ep->prev], t[i]);
        *pk = ep->pk;
        ends = 1;
    }
    ep->prev = i;
    ep->pk = nanmax_fold(NAN, d);
    return ends;
}

/* The reindexed episode series, position by position: df.reindex(dd.index)
 * labels every bar that shares the episode end's timestamp (the last episode
 * ending among them wins), NaN elsewhere; with no episode at all both series
 * are dd.replace(0, nan). lane: 0 the durations, 1 the peaks. */
typedef struct episode_series {
    episodes ep;
    int degenerate, lane;
    size_t pos, group_end;
    int has;
    double dur, pk;
} episode_series;

static void episode_series_init(episode_series *es, const bt_series *s, const bt_run *run, int degenerate, int lane)
{
    memset(es, 0, sizeof *es);
    episodes_init(&es->ep, s, run);
    es->degenerate = degenerate;
    es->lane = lane;
}

static double episode_series_next(void *ctx)
{
    episode_series *es = ctx;
    if (es->degenerate) {
        const double d = dd_next(&es->ep.dd);
        return d == 0.0 ? NAN : d;
    }
    if (es->pos == es->group_end) { /* the next run of equal timestamps */
        const int64_t *t = es->ep.t;
        size_t a = es->pos, b = a + 1;
        while (b < es->ep.n && t[b] == t[a])
            b++;
        es->has = 0;
        for (size_t i = a; i < b; i++) {
            double ddv, dur, pk;
            if (episode_step(&es->ep, &ddv, &dur, &pk)) {
                es->has = 1;
                es->dur = dur;
                es->pk = pk;
            }
        }
        es->group_end = b;
    }
    es->pos++;
    return !es->has ? NAN : es->lane ? es->pk : es->dur;
}

/* NaN -> 0 (pandas' nanops), counting the other values and their nanmax. */
typedef struct nan0_stream {
    bt_next_fn raw;
    void *src;
    size_t count;
    double max;
} nan0_stream;

static double nan0_next(void *ctx)
{
    nan0_stream *z = ctx;
    const double v = z->raw(z->src);
    if (isnan(v))
        return 0.0;
    z->count++;
    z->max = nanmax_fold(z->max, v);
    return v;
}

/* equity.resample(rule).last().dropna().pct_change().dropna(), one period
 * return after another */
typedef struct ret_iter {
    const int64_t *t;
    const double *E;
    size_t n, i;
    int rule, have_prev;
    double prev;
} ret_iter;

static void ret_iter_init(ret_iter *r, const bt_series *s, const bt_run *run, int rule)
{
    memset(r, 0, sizeof *r);
    r->t = s->time;
    r->E = run->equity;
    r->n = s->n;
    r->rule = rule;
}

static int ret_next(ret_iter *r, double *out)
{
    while (r->i < r->n) {
        const int64_t key = bin_key(r->t[r->i], r->rule);
        double last = NAN;
        while (r->i < r->n && bin_key(r->t[r->i], r->rule) == key) {
            if (!isnan(r->E[r->i]))
                last = r->E[r->i];
            r->i++;
        }
        if (isnan(last))
            continue;
        if (!r->have_prev) {
            r->prev = last;
            r->have_prev = 1;
            continue;
        }
        const double x = last / r->prev - 1.0;
        r->prev = last;
        if (!isnan(x)) {
            *out = x;
            return 1;
        }
    }
    return 0;
}

enum { RET_LOG1P, RET_PLAIN, RET_SQDEV, RET_CLIP_SQ };

/* A transform of the period returns for one pairwise sum. */
typedef struct ret_stream {
    ret_iter it;
    int kind;
    double avg;
} ret_stream;

static double ret_stream_next(void *ctx)
{
    ret_stream *rs = ctx;
    double r = 0.0;
    (void)ret_next(&rs->it, &r);
    switch (rs->kind) {
    case RET_LOG1P: return log(r + 1.0);                 /* geometric_mean's log(a) */
    case RET_SQDEV: return (rs->avg - r) * (rs->avg - r); /* nanvar's sqr */
    case RET_CLIP_SQ: {
        const double c = r > 0.0 ? 0.0 : r; /* clip(-inf, 0) ** 2 */
        return c * c;
    }
    default: return r;
    }
}

static double ret_sum(const bt_series *s, const bt_run *run, int rule, int kind, double avg, size_t m)
{
    ret_stream rs;
    ret_iter_init(&rs.it, s, run, rule);
    rs.kind = kind;
    rs.avg = avg;
    return bt_pairwise_sum_stream(ret_stream_next, &rs, m);
}

/* log(a[i + 1] / a[i]) for i = 0, 1, ... (Beta's log returns) */
typedef struct logret_stream {
    const double *a;
    size_t i;
} logret_stream;

static double logret_next(void *ctx)
{
    logret_stream *l = ctx;
    const double v = log(l->a[l->i + 1] / l->a[l->i]);
    l->i++;
    return v;
}

static int cmp_interval(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* ------------------------------------------------------------ compute */

int bt_stats_compute(const bt_series *s, const bt_run *run, bt_stats *out, bt_error *err)
{
    if (!s || !run || !out)
        return bt_error_set(err, BT_ERR_USAGE, "statistics: a series, a run and an output are required");
    memset(out, 0, sizeof *out);
    for (int i = 0; i < BT_N_STATS; i++)
        out->v[i] = NAN;
    const size_t n = s->n;
    if (n == 0)
        return bt_error_set(err, BT_ERR_DATA, "statistics: the series is empty");
    if (!s->time || !s->close || !run->equity || (run->n_trades && !run->trades))
        return bt_error_set(err, BT_ERR_USAGE, "statistics: the series or run has no data arrays");
    if (run->n_bars != n)
        return bt_error_set(err, BT_ERR_USAGE,
                            "statistics: the run has %zu bars but the series has %zu", run->n_bars, n);
    if (run->warmup >= n)
        return bt_error_set(err, BT_ERR_USAGE, "statistics: warm-up %zu is not below the %zu bars",
                            run->warmup, n);
    const size_t nt = run->n_trades;
    for (size_t k = 0; k < nt; k++) {
        const bt_trade *tr = &run->trades[k];
        if (tr->entry_bar >= n || tr->exit_bar >= n)
            return bt_error_set(err, BT_ERR_USAGE,
                                "statistics: trade %zu has bars %zu..%zu outside the %zu bars", k,
                                tr->entry_bar, tr->exit_bar, n);
    }

    const int is_dt = s->is_datetime != 0;
    const int64_t *t = s->time;
    const double *E = run->equity;
    const double *C = s->close;

    /* One allocation for the per-trade work arrays; nothing per bar. */
    double *work = malloc((4 * nt + 8) * sizeof *work);
    size_t *spans = malloc((2 * nt + 2) * sizeof *spans);
    if (!work || !spans) {
        free(work);
        free(spans);
        return bt_error_set(err, BT_ERR_NOMEM, "statistics: out of memory for %zu trades", nt);
    }
    double *tr_a = work;         /* nt: ReturnPct */
    double *tr_b = tr_a + nt;    /* nt: PnL */
    double *tr_c = tr_b + nt;    /* nt: scratch */
    double *tr_d = tr_c + nt;    /* nt: durations */

    /* one walk: the max of dd (numpy's max: NaN propagates) and whether any
     * drawdown episode exists */
    int dd_degenerate = 1;
    double dd_max = NAN;
    {
        episodes ep;
        episodes_init(&ep, s, run);
        int nan_seen = 0;
        for (size_t i = 0; i < n; i++) {
            double d, dur, pk;
            if (episode_step(&ep, &d, &dur, &pk))
                dd_degenerate = 0;
            if (i == 0)
                dd_max = d;
            else if (!nan_seen && isnan(d)) {
                nan_seen = 1;
                dd_max = d;
            } else if (!nan_seen && d > dd_max)
                dd_max = d;
        }
    }

    /* data period (datetime index only) */
    int period_nat = 1;
    int64_t period_us = 0;
    if (is_dt)
        period_us = data_period_us(t, n, &period_nat);
    const int64_t res_us = period_nat ? US_PER_DAY : resolution_us(period_us);

    /* Start, End, Duration */
    set_stat(out, BT_STAT_START, (double)t[0], BT_KIND_TIME);
    set_stat(out, BT_STAT_END, (double)t[n - 1], BT_KIND_TIME);
    /* a date index spans at most 0001..99999 (the loader's and synth's range), whose
     * microseconds fit int64; an integer index may span the whole int64 range */
    const int64_t dur_s = is_dt ? t[n - 1] - t[0] : 0;
    set_stat(out, BT_STAT_DURATION, is_dt ? (double)dur_s : bt_time_diff(t[0], t[n - 1]),
             is_dt ? BT_KIND_TIMEDELTA : BT_KIND_NUMBER);

    /* Exposure: have_position.mean() * 100, have_position[entry..exit] = 1: the
     * bars in the union of the trades' spans (sorted by entry; the mean of 0/1
     * values is exact) */
    {
        size_t m = 0, cnt = 0;
        for (size_t k = 0; k < nt; k++) {
            const bt_trade *tr = &run->trades[k];
            if (tr->exit_bar < tr->entry_bar)
                continue; /* an empty slice in Python */
            spans[2 * m] = tr->entry_bar;
            spans[2 * m + 1] = tr->exit_bar;
            m++;
        }
        qsort(spans, m, 2 * sizeof *spans, cmp_interval);
        size_t lo = 0, hi = 0;
        for (size_t q = 0; q < m; q++) {
            const size_t a = spans[2 * q], b = spans[2 * q + 1];
            if (q == 0 || a > hi) { /* a new covered run */
                if (q > 0)
                    cnt += hi - lo + 1;
                lo = a;
                hi = b;
            } else if (b > hi) {
                hi = b;
            }
        }
        if (m > 0)
            cnt += hi - lo + 1;
        set_stat(out, BT_STAT_EXPOSURE, (double)cnt / (double)n * 100.0, BT_KIND_NUMBER);
    }

    set_stat(out, BT_STAT_EQUITY_FINAL, E[n - 1], BT_KIND_NUMBER);
    set_stat(out, BT_STAT_EQUITY_PEAK, bt_max_propagate(E, n), BT_KIND_NUMBER);

    /* commissions = sum(t._commissions for t in trades): sequential, from int 0 */
    {
        /* CPython 3.11's sum() of floats is a plain double loop (3.12+ would
         * compensate the rounding - Neumaier - and may differ in the last bit) */
        double c = 0.0;
        for (size_t k = 0; k < nt; k++)
            c += run->trades[k].commission;
        if (c != 0.0 || isnan(c)) /* `if commissions:` - NaN is truthy */
            set_stat(out, BT_STAT_COMMISSIONS, c, BT_KIND_NUMBER);
        else
            out->v[BT_STAT_COMMISSIONS] = 0.0;
    }

    const double ret_pct = (E[n - 1] - E[0]) / E[0] * 100.0;
    set_stat(out, BT_STAT_RETURN, ret_pct, BT_KIND_NUMBER);
    const size_t w = run->warmup;
    const double bh_pct = (C[n - 1] - C[w]) / C[w] * 100.0;
    set_stat(out, BT_STAT_BUY_HOLD, bh_pct, BT_KIND_NUMBER);

    /* annualization */
    double g = 0.0;       /* gmean_day_return */
    double N = NAN;       /* annual_trading_days */
    size_t m = 0;         /* number of period returns */
    int have_returns = 0; /* day_returns is an array (datetime) rather than NaN */
    int rule = RS_DAY;
    if (is_dt) {
        have_returns = 1;
        annualization(t, n, period_nat, period_us, &N, &rule);
        /* geometric_mean(day_returns): 0 if any 1 + r <= 0, else
         * exp(sum(log(1 + r)) / m) - 1 */
        ret_iter it;
        ret_iter_init(&it, s, run, rule);
        int nonpos = 0;
        double r;
        while (ret_next(&it, &r)) {
            nonpos |= r + 1.0 <= 0.0;
            m++;
        }
        if (nonpos)
            g = 0.0;
        else
            g = exp(ret_sum(s, run, rule, RET_LOG1P, 0.0, m) / (m ? (double)m : NAN)) - 1.0;
    }

    const double annret = pow(1.0 + g, N) - 1.0;
    set_stat(out, BT_STAT_RETURN_ANN, annret * 100.0, BT_KIND_NUMBER);
    {
        /* bt_nanvar(day_returns, ddof=1): the returns hold no NaN */
        double var = NAN;
        if (have_returns && m > 1) {
            double avg = ret_sum(s, run, rule, RET_PLAIN, 0.0, m) / (double)m;
            var = ret_sum(s, run, rule, RET_SQDEV, avg, m) / (double)(m - 1);
        }
        double vol = sqrt(pow(var + pow(1.0 + g, 2.0), N) - pow(1.0 + g, 2.0 * N)) * 100.0;
        set_stat(out, BT_STAT_VOLATILITY_ANN, vol, BT_KIND_NUMBER);
    }
    if (is_dt) {
        double years = cagr_years(dur_s);
        double cagr = years != 0.0 ? (pow(E[n - 1] / E[0], 1.0 / years) - 1.0) * 100.0 : NAN;
        set_stat(out, BT_STAT_CAGR, cagr, BT_KIND_NUMBER);
    }
    set_stat(out, BT_STAT_SHARPE,
             (out->v[BT_STAT_RETURN_ANN] - 0.0 * 100.0) / or_nan(out->v[BT_STAT_VOLATILITY_ANN]),
             BT_KIND_NUMBER);
    {
        /* sqrt(np.mean(day_returns.clip(-np.inf, 0) ** 2)) */
        double msq = have_returns && m ? ret_sum(s, run, rule, RET_CLIP_SQ, 0.0, m) / (double)m : NAN;
        set_stat(out, BT_STAT_SORTINO, (annret - 0.0) / (sqrt(msq) * sqrt(N)), BT_KIND_NUMBER);
    }
    const double max_dd = -bt_nan_to_num(dd_max);
    set_stat(out, BT_STAT_CALMAR, annret / or_nan(-max_dd), BT_KIND_NUMBER);

    /* Beta: np.cov(log(E[1:]/E[:-1]), log(C[1:]/C[:-1])) */
    double beta = NAN;
    if (n - 1 > 1) {
        size_t k = n - 1;
        logret_stream lx = {E, 0}, ly = {C, 0};
        double mx = bt_pairwise_sum_stream(logret_next, &lx, k) / (double)k;
        double my = bt_pairwise_sum_stream(logret_next, &ly, k) / (double)k;
        /* the centred values' dot products, both at once, in dsyrk's blocks (see above) */
        const size_t Q = 384;
        double sxy = 0.0, syy = 0.0;
        size_t ls = 0;
        lx.i = ly.i = 0;
        while (ls < k) {
            size_t min_l = k - ls;
            if (min_l >= 2 * Q)
                min_l = Q;
            else if (min_l > Q)
                min_l = (min_l + 1) / 2;
            double axy = 0.0, ayy = 0.0;
            for (size_t i = ls; i < ls + min_l; i++) {
                const double x = logret_next(&lx) - mx, y = logret_next(&ly) - my;
                axy = fma(x, y, axy);
                ayy = fma(y, y, ayy);
            }
            sxy += axy;
            syy += ayy;
            ls += min_l;
        }
        double f = 1.0 / (double)(k - 1);
        beta = (sxy * f) / (syy * f);
    }
    set_stat(out, BT_STAT_ALPHA, ret_pct - 0.0 * 100.0 - beta * (bh_pct - 0.0 * 100.0), BT_KIND_NUMBER);
    set_stat(out, BT_STAT_BETA, beta, BT_KIND_NUMBER);
    set_stat(out, BT_STAT_MAX_DD, max_dd * 100.0, BT_KIND_NUMBER);

    /* the episodes' peaks and durations, reindexed to every bar (NaN elsewhere) */
    {
        episode_series es;
        episode_series_init(&es, s, run, dd_degenerate, 1);
        nan0_stream z = {episode_series_next, &es, 0, NAN};
        double sum = bt_pairwise_sum_stream(nan0_next, &z, n);
        set_stat(out, BT_STAT_AVG_DD, -(z.count ? sum / (double)z.count : NAN) * 100.0, BT_KIND_NUMBER);

        episode_series_init(&es, s, run, dd_degenerate, 0);
        z = (nan0_stream){episode_series_next, &es, 0, NAN};
        const int cast = !(dd_degenerate || !is_dt); /* a timedelta Series: int64 summed as float64 */
        sum = cast ? bt_pairwise_sum_cast_stream(nan0_next, &z, n) : bt_pairwise_sum_stream(nan0_next, &z, n);
        const double dur_max = z.max, dur_mean = z.count ? sum / (double)z.count : NAN;
        if (!cast) {
            /* float series: plain numbers, not rounded */
            set_stat(out, BT_STAT_MAX_DD_DURATION, dur_max, BT_KIND_NUMBER);
            set_stat(out, BT_STAT_AVG_DD_DURATION, dur_mean, BT_KIND_NUMBER);
        } else {
            int64_t mx = (int64_t)dur_max;
            int64_t mean = (int64_t)dur_mean;
            set_stat(out, BT_STAT_MAX_DD_DURATION, (double)ceil_to(mx, res_us) / 1e6, BT_KIND_TIMEDELTA);
            set_stat(out, BT_STAT_AVG_DD_DURATION, (double)ceil_to(mean, res_us) / 1e6, BT_KIND_TIMEDELTA);
        }
    }

    /* trades */
    set_stat(out, BT_STAT_N_TRADES, (double)nt, BT_KIND_NUMBER);
    size_t nwin = 0, npos = 0, nneg = 0;
    for (size_t k = 0; k < nt; k++) {
        tr_a[k] = run->trades[k].return_pct;
        tr_b[k] = run->trades[k].pnl;
        nwin += run->trades[k].pnl > 0.0;
    }
    const double win_rate = nt ? (double)nwin / (double)nt : NAN;
    set_stat(out, BT_STAT_WIN_RATE, win_rate * 100.0, BT_KIND_NUMBER);
    set_stat(out, BT_STAT_BEST_TRADE, bt_nanmax(tr_a, nt) * 100.0, BT_KIND_NUMBER);
    set_stat(out, BT_STAT_WORST_TRADE, bt_nanmin(tr_a, nt) * 100.0, BT_KIND_NUMBER);
    set_stat(out, BT_STAT_AVG_TRADE, geometric_mean(tr_a, nt, tr_c) * 100.0, BT_KIND_NUMBER);

    if (nt == 0) {
        set_stat(out, BT_STAT_MAX_TRADE_DURATION, NAN, BT_KIND_NUMBER);
        set_stat(out, BT_STAT_AVG_TRADE_DURATION, NAN, BT_KIND_NUMBER);
    } else {
        int64_t mx = 0; /* date index: microseconds */
        double mx_int = 0; /* integer index: in double, overflow-free */
        for (size_t k = 0; k < nt; k++) {
            const int64_t a = t[run->trades[k].entry_bar], b = t[run->trades[k].exit_bar];
            if (is_dt) {
                int64_t d = (b - a) * US_PER_S;
                if (k == 0 || d > mx)
                    mx = d;
                tr_d[k] = (double)d;
            } else {
                tr_d[k] = bt_time_diff(a, b);
                if (k == 0 || tr_d[k] > mx_int)
                    mx_int = tr_d[k];
            }
        }
        double mean = bt_pairwise_sum_cast(tr_d, nt) / (double)nt;
        if (is_dt) {
            set_stat(out, BT_STAT_MAX_TRADE_DURATION, (double)ceil_to(mx, res_us) / 1e6, BT_KIND_TIMEDELTA);
            set_stat(out, BT_STAT_AVG_TRADE_DURATION, (double)ceil_to((int64_t)mean, res_us) / 1e6,
                     BT_KIND_TIMEDELTA);
        } else {
            set_stat(out, BT_STAT_MAX_TRADE_DURATION, mx_int, BT_KIND_NUMBER);
            set_stat(out, BT_STAT_AVG_TRADE_DURATION, mean, BT_KIND_NUMBER);
        }
    }

    /* Profit Factor: returns[returns > 0].sum() / (abs(returns[returns < 0].sum()) or nan) */
    {
        for (size_t k = 0; k < nt; k++)
            if (tr_a[k] > 0.0)
                tr_c[npos++] = tr_a[k];
        double sp = bt_pairwise_sum(tr_c, npos);
        for (size_t k = 0; k < nt; k++)
            if (tr_a[k] < 0.0)
                tr_c[nneg++] = tr_a[k];
        double sn = bt_pairwise_sum(tr_c, nneg);
        set_stat(out, BT_STAT_PROFIT_FACTOR, sp / or_nan(fabs(sn)), BT_KIND_NUMBER);
    }
    set_stat(out, BT_STAT_EXPECTANCY, bt_nanmean(tr_a, nt) * 100.0, BT_KIND_NUMBER);
    set_stat(out, BT_STAT_SQN, sqrt((double)nt) * bt_nanmean(tr_b, nt) / or_nan(bt_nanstd(tr_b, nt, 1)),
             BT_KIND_NUMBER);
    {
        /* win_rate - (1 - win_rate) / (pl[pl > 0].mean() / -pl[pl < 0].mean()) */
        size_t a = 0, b = 0;
        for (size_t k = 0; k < nt; k++)
            if (tr_b[k] > 0.0)
                tr_c[a++] = tr_b[k];
        double mpos = bt_nanmean(tr_c, a);
        for (size_t k = 0; k < nt; k++)
            if (tr_b[k] < 0.0)
                tr_c[b++] = tr_b[k];
        double mneg = bt_nanmean(tr_c, b);
        set_stat(out, BT_STAT_KELLY, win_rate - (1.0 - win_rate) / (mpos / -mneg), BT_KIND_NUMBER);
    }

    free(work);
    free(spans);
    return BT_OK;
}

/* ------------------------------------------------------------ calendar */

int bt_calendar_make(const bt_series *s, double cash, int groups, bt_calendar *out, bt_error *err)
{
    const size_t n = s->n;
    memset(out, 0, sizeof *out);
    out->t = malloc((n ? n : 1) * sizeof *out->t);
    out->bin_last = calloc(n ? n : 1, 1);
    out->market_yc = calloc(n ? n : 1, sizeof *out->market_yc);
    if (!out->t || !out->bin_last || !out->market_yc) {
        bt_calendar_free(out);
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory for the calendar of %zu bars", n);
    }
    bt_acc_ctx *x = &out->ctx;
    x->n = n;
    x->t = out->t;
    x->bin_last = out->bin_last;
    x->market_yc = out->market_yc;
    x->close = s->close;
    x->cash = cash;
    x->is_datetime = s->is_datetime != 0;
    x->groups = groups;
    x->periods_per_year = NAN;
    x->years = NAN;
    x->resolution = 0;
    for (size_t i = 0; i < n; i++)
        out->t[i] = (double)s->time[i];
    if (x->is_datetime && n) {
        const int64_t *t = s->time;
        int nat = 1;
        int64_t period_us = data_period_us(t, n, &nat);
        int64_t res_us = nat ? US_PER_DAY : resolution_us(period_us);
        /* whole-second times are already multiples of a finer resolution */
        x->resolution = res_us >= US_PER_S ? (double)(res_us / US_PER_S) : 0;
        int rule;
        annualization(t, n, nat, period_us, &x->periods_per_year, &rule);
        for (size_t i = 0; i < n; i++)
            out->bin_last[i] = i + 1 == n || bin_key(t[i + 1], rule) != bin_key(t[i], rule);
        x->years = cagr_years(t[n - 1] - t[0]);
    }
    if ((groups & BT_ACC_BETA) && n > 2) {
        size_t k = n - 1;
        double *y = out->market_yc + 1;
        for (size_t i = 0; i < k; i++)
            y[i] = log(s->close[i + 1] / s->close[i]);
        double my = bt_pairwise_sum(y, k) / (double)k;
        for (size_t i = 0; i < k; i++) {
            y[i] -= my;
            x->market_yc_sum += y[i];
            x->market_yc_sq += y[i] * y[i];
        }
    }
    return BT_OK;
}

void bt_calendar_free(bt_calendar *c)
{
    if (!c)
        return;
    free(c->t);
    free(c->bin_last);
    free(c->market_yc);
    memset(c, 0, sizeof *c);
}

void bt_calendar_run_values(const bt_calendar *cal, const bt_run *run, const int *keys, size_t n, double *out)
{
    if (run->n_trades == 0) {
        for (size_t k = 0; k < n; k++)
            out[k] = NAN;
        return;
    }
    double storage[BT_ACC_BAR_FIELDS];
    bt_acc_bars a;
    bt_acc_trades tr;
    bt_acc_bars_bind(&a, storage, 1);
    const bt_acc_ctx *x = &cal->ctx;
    bt_acc_bars_reset(&a, 0, x->t[0]);
    bt_acc_trades_reset(&tr);
    /* the bars feed only the per-bar groups (without them bt_acc_bar stores nothing) */
    if (x->groups & BT_ACC_PER_BAR)
        for (size_t i = 0; i < run->n_bars; i++)
            bt_acc_bar(x, &a, 0, i, run->equity[i], x->groups);
    bt_acc_final(&a, 0, run->equity[run->n_bars - 1]);
    for (size_t k = 0; k < run->n_trades; k++) {
        const bt_trade *t = &run->trades[k];
        bt_acc_trade(&tr, x->groups, t->pnl, t->return_pct, t->commission, t->entry_bar, t->exit_bar, x->t[t->entry_bar],
                     x->t[t->exit_bar]);
    }
    for (size_t k = 0; k < n; k++)
        out[k] = bt_acc_value(x, &a, 0, &tr, run->warmup, keys[k]);
}

double bt_calendar_run_value(const bt_calendar *cal, const bt_run *run, int key)
{
    double v;
    bt_calendar_run_values(cal, run, &key, 1, &v);
    return v;
}
