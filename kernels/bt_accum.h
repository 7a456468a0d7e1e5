/*
 * bt_accum.h - streaming statistics accumulators, one definition for every
 * backend.
 *
 * A backend never stores a combination's equity curve or trade list. It feeds
 * each bar's equity (bt_acc_bar) and each closed trade (bt_acc_trade) into
 * these accumulators, and bt_acc_value() turns them into the heatmap value of
 * any statistic. The reference engine feeds the same functions from its
 * equity array and trade list, in the same order, so every backend gives the
 * same bits as the reference for every heatmap value.
 *
 * Accumulators are stored as a structure of arrays (one element per lane,
 * i.e. per combination of a block) so SIMD loops touch contiguous memory; the
 * reference engine uses a one-lane block. Every field is a double so a lane
 * body is a straight run of double arithmetic and selects that vectorizes.
 *
 * The values agree with backtesting.py's statistics to about 1e-12 relative
 * (sequential and Welford sums instead of numpy's pairwise sums, the
 * geometric mean of period returns from the first and last period's equity).
 * Equity Final, Equity Peak, Return, Buy & Hold, CAGR, Exposure, # Trades,
 * Win Rate, Best/Worst Trade, Commissions, Max. Drawdown and the durations
 * are exact. The full statistics of the best combination are recomputed
 * from the whole run with backtesting.py's own algorithms (stats.c).
 *
 * Compiles as C and as OpenCL C (bt_kernel.h). No library calls on the
 * per-bar path except log() for the Beta accumulators and the trades' log
 * (only when asked for; the OpenCL backend leaves those keys to the CPU, as
 * OpenCL's log is not correctly rounded).
 */
#ifndef BT_ACCUM_H
#define BT_ACCUM_H

#include "bt_kernel.h"

/* Which groups of accumulators a search needs (bit set): the equity group is
 * always on; the others are switched on by the statistic being maximized. */
enum {
    BT_ACC_DRAWDOWN = 1, /* drawdown depth, episodes, durations */
    BT_ACC_RETURNS = 2,  /* period returns: annualized return, volatility, ratios */
    BT_ACC_BETA = 4,     /* log returns against the market: Beta, Alpha */
    BT_ACC_TRADES = 8,   /* per-trade statistics (else trades are only counted) */
    BT_ACC_TRADE_LOG = 16, /* log(1 + ReturnPct) of every trade: Avg. Trade */
    BT_ACC_PEAK = 32,      /* the running maximum of equity (implied by BT_ACC_DRAWDOWN and BT_ACC_MAX_DD) */
    BT_ACC_MAX_DD = 64     /* the deepest drawdown alone (implied by BT_ACC_DRAWDOWN) */
};

/* The groups fed every bar (the others are fed trade by trade). */
#define BT_ACC_PER_BAR (BT_ACC_DRAWDOWN | BT_ACC_RETURNS | BT_ACC_BETA | BT_ACC_PEAK | BT_ACC_MAX_DD)

/* The per-bar groups of `groups` without those another one implies (the
 * drawdown group keeps the peak and the deepest drawdown itself, the deepest
 * drawdown the peak): the set a SIMD dispatcher instantiates for. */
BT_INLINE int bt_acc_bar_groups(int groups)
{
    int g = groups & BT_ACC_PER_BAR;
    if (g & BT_ACC_DRAWDOWN)
        g &= ~(BT_ACC_PEAK | BT_ACC_MAX_DD);
    if (g & BT_ACC_MAX_DD)
        g &= ~BT_ACC_PEAK;
    return g;
}

/* Facts about the series every combination shares (set up by the host). */
typedef struct bt_acc_ctx {
    size_t n;                   /* bars */
    BT_GLOBAL const double *t;  /* bar times as doubles (seconds or index values) */
    BT_GLOBAL const unsigned char *bin_last; /* 1 where a bar is the last of its resample period */
    BT_GLOBAL const double *market_yc; /* centred market log returns, bar 1..n-1 (Beta) */
    double market_yc_sum;       /* their sum */
    double market_yc_sq;        /* sum of their squares */
    BT_GLOBAL const double *close;
    double cash;                /* initial cash = equity[0] */
    double periods_per_year;    /* N; NaN for a non-datetime index */
    double years;               /* CAGR's years; NaN for a non-datetime index */
    double resolution;          /* durations are rounded up to this (seconds); 0: not rounded */
    int is_datetime;
    int groups;                 /* BT_ACC_* bits in use */
} bt_acc_ctx;

/* Per-bar accumulators of a block of lanes (structure of arrays). */
typedef struct bt_acc_bars {
    BT_GLOBAL double *last;      /* last equity seen */
    BT_GLOBAL double *peak;      /* running maximum of equity */
    /* drawdown group */
    BT_GLOBAL double *max_dd;    /* max of dd = 1 - equity / peak */
    BT_GLOBAL double *zero_at;   /* index of the last bar with dd == 0 */
    BT_GLOBAL double *zero_t;    /* its time; the first bar's before any */
    BT_GLOBAL double *ep_max;    /* max dd since that bar */
    BT_GLOBAL double *n_ep;      /* drawdown episodes closed */
    BT_GLOBAL double *ep_sum;    /* sum of their peak dd */
    BT_GLOBAL double *dur_max;   /* longest episode (time units) */
    BT_GLOBAL double *dur_sum;   /* sum of episode durations */
    BT_GLOBAL double *nz_sum;    /* sum of non-zero dd values (degenerate case) */
    BT_GLOBAL double *nz_n;      /* count of non-zero dd values */
    /* returns group */
    BT_GLOBAL double *bin_first; /* equity at the end of the first period; NaN before */
    BT_GLOBAL double *bin_prev;  /* equity at the end of the previous period */
    BT_GLOBAL double *r_n;       /* period returns counted (NaN returns are dropped) */
    BT_GLOBAL double *r_mean;    /* Welford mean of the returns */
    BT_GLOBAL double *r_m2;      /* Welford sum of squared deviations */
    BT_GLOBAL double *r_negsq;   /* sum of min(r, 0)^2 */
    BT_GLOBAL double *r_nonpos;  /* 1 when some 1 + r <= 0 */
    /* beta group */
    BT_GLOBAL double *eq_prev;   /* equity of the previous bar */
    BT_GLOBAL double *x_sum;     /* sum of equity log returns */
    BT_GLOBAL double *xy_sum;    /* sum of equity log return * centred market log return */
} bt_acc_bars;

/* Trade accumulators of one lane (trades are rare: array of structures). */
typedef struct bt_acc_trades {
    double n, wins;
    double pnl_sum, pnl_mean, pnl_m2;      /* sum, Welford mean and M2 of PnL */
    double best, worst;                    /* of ReturnPct; NaN before the first */
    double ret_sum, ret_pos, ret_neg;      /* sums of ReturnPct: all, > 0, < 0 */
    double pnl_pos, n_pos, pnl_neg, n_neg; /* sums and counts of PnL > 0 and < 0 */
    double log_sum;                        /* sum of log(1 + ReturnPct) */
    double ret_le_m1;                      /* 1 when some 1 + ReturnPct <= 0 */
    double comm;                           /* sum of commissions */
    double dur_max, dur_sum;               /* trade durations (time units) */
    double covered, cover_end;             /* bars covered by trades; last covered bar */
} bt_acc_trades;

/* Number of double arrays in bt_acc_bars. */
#define BT_ACC_BAR_FIELDS 22

/* Points the bt_acc_bars arrays into storage of BT_ACC_BAR_FIELDS * lanes
 * doubles, one field after another (the same layout on host and device). */
BT_INLINE void bt_acc_bars_bind(bt_acc_bars *a, BT_GLOBAL double *storage, size_t lanes)
{
    BT_GLOBAL double *p = storage;
    a->last = p; p += lanes;
    a->peak = p; p += lanes;
    a->max_dd = p; p += lanes;
    a->zero_at = p; p += lanes;
    a->zero_t = p; p += lanes;
    a->ep_max = p; p += lanes;
    a->n_ep = p; p += lanes;
    a->ep_sum = p; p += lanes;
    a->dur_max = p; p += lanes;
    a->dur_sum = p; p += lanes;
    a->nz_sum = p; p += lanes;
    a->nz_n = p; p += lanes;
    a->bin_first = p; p += lanes;
    a->bin_prev = p; p += lanes;
    a->r_n = p; p += lanes;
    a->r_mean = p; p += lanes;
    a->r_m2 = p; p += lanes;
    a->r_negsq = p; p += lanes;
    a->r_nonpos = p; p += lanes;
    a->eq_prev = p; p += lanes;
    a->x_sum = p; p += lanes;
    a->xy_sum = p;
}

/* Starts lane c: no bar seen yet. */
BT_INLINE void bt_acc_bars_reset(bt_acc_bars *a, size_t c, double t0)
{
    a->last[c] = NAN;
    a->peak[c] = -INFINITY;
    a->max_dd[c] = 0;
    a->zero_at[c] = -1;
    a->zero_t[c] = t0;
    a->ep_max[c] = 0;
    a->n_ep[c] = 0;
    a->ep_sum[c] = 0;
    a->dur_max[c] = -INFINITY;
    a->dur_sum[c] = 0;
    a->nz_sum[c] = 0;
    a->nz_n[c] = 0;
    a->bin_first[c] = NAN;
    a->bin_prev[c] = NAN;
    a->r_n[c] = 0;
    a->r_mean[c] = 0;
    a->r_m2[c] = 0;
    a->r_negsq[c] = 0;
    a->r_nonpos[c] = 0;
    a->eq_prev[c] = NAN;
    a->x_sum[c] = 0;
    a->xy_sum[c] = 0;
}

BT_INLINE void bt_acc_trades_reset(BT_GLOBAL bt_acc_trades *t)
{
    bt_acc_trades z = {0};
    z.best = NAN;
    z.worst = NAN;
    z.cover_end = -1;
    *t = z;
}

/* Feeds equity eq of bar i to lane c; period_end is x->bin_last[i] (the
 * same for every lane, so SIMD callers decide it outside their lane loop).
 * Branch-free: selects only. The caller passes the groups as a compile-time
 * constant so unused parts fold away. */
BT_INLINE void bt_acc_bar_at(const bt_acc_ctx *x, bt_acc_bars *a, size_t c, size_t i, double eq, int groups,
                             int period_end)
{
    double peak = eq > a->peak[c] ? eq : a->peak[c];
    if (groups & (BT_ACC_PEAK | BT_ACC_DRAWDOWN | BT_ACC_MAX_DD))
        a->peak[c] = peak;
    double dd = 1 - eq / peak;
    if (groups & (BT_ACC_DRAWDOWN | BT_ACC_MAX_DD))
        a->max_dd[c] = dd > a->max_dd[c] ? dd : a->max_dd[c];
    if (groups & BT_ACC_DRAWDOWN) {
        /* every condition stays a comparison inside a select, so the lane
         * loop needs no integer masks */
        double di = (double)i, ti = x->t[i];
        double ep_max = dd > a->ep_max[c] ? dd : a->ep_max[c];
        double dur = ti - a->zero_t[c];
        double ends = dd == 0 ? (di > a->zero_at[c] + 1 ? 1.0 : 0.0) : 0.0;
        a->n_ep[c] += ends;
        a->ep_sum[c] += ends * ep_max;
        a->dur_sum[c] += ends * dur;
        a->dur_max[c] = ends != 0 ? (dur > a->dur_max[c] ? dur : a->dur_max[c]) : a->dur_max[c];
        a->ep_max[c] = dd == 0 ? 0 : ep_max;
        a->zero_at[c] = dd == 0 ? di : a->zero_at[c];
        a->zero_t[c] = dd == 0 ? ti : a->zero_t[c];
        a->nz_sum[c] += dd == 0 ? 0 : dd;
        a->nz_n[c] += dd == 0 ? 0 : 1;
    }
    if (groups & BT_ACC_RETURNS) {
        if (period_end) {
            double prev = a->bin_prev[c];
            double r = eq / prev - 1;
            /* the first period and 0/0 after a wipe-out give NaN: dropped
             * (r == r is false); a NaN's neg is 0 and r + 1 <= 0 false */
            double k = a->r_n[c] + (r == r ? 1 : 0);
            double delta = r == r ? r - a->r_mean[c] : 0;
            double mean = a->r_mean[c] + (r == r ? delta / k : 0);
            a->r_m2[c] += r == r ? delta * (r - mean) : 0;
            a->r_mean[c] = mean;
            a->r_n[c] = k;
            /* one select (r < 0 ? r * r : 0, not the square of r < 0 ? r : 0):
             * GCC 12 folded the nested selects of the returns group into
             * mask algebra twice as long as the rest of the lane body */
            a->r_negsq[c] += r < 0 ? r * r : 0;
            a->r_nonpos[c] = r + 1 <= 0 ? 1 : a->r_nonpos[c];
            a->bin_first[c] = prev == prev ? a->bin_first[c] : eq;
            a->bin_prev[c] = eq;
        }
    }
    if (groups & BT_ACC_BETA) {
        if (i > 0) {
            double lr = log(eq / a->eq_prev[c]);
            a->x_sum[c] += lr;
            a->xy_sum[c] += lr * x->market_yc[i];
        }
        a->eq_prev[c] = eq;
    }
}

/* bt_acc_bar_at for one lane at a time. */
BT_INLINE void bt_acc_bar(const bt_acc_ctx *x, bt_acc_bars *a, size_t c, size_t i, double eq, int groups)
{
    bt_acc_bar_at(x, a, c, i, eq, groups, x->bin_last[i]);
}

/* Feeds the final equity (bar n-1, after bt_acc_bar for that bar). */
BT_INLINE void bt_acc_final(bt_acc_bars *a, size_t c, double eq)
{
    a->last[c] = eq;
}

/* Feeds one closed trade. t_entry/t_exit are the bar times. Without
 * BT_ACC_TRADES in groups the trade is only counted. */
BT_INLINE void bt_acc_trade(BT_GLOBAL bt_acc_trades *a, int groups, double pnl, double ret, double commission,
                                size_t entry_bar, size_t exit_bar, double t_entry, double t_exit)
{
    a->n += 1;
    if (!(groups & BT_ACC_TRADES))
        return;
    a->wins += pnl > 0 ? 1 : 0;
    a->pnl_sum += pnl;
    double delta = pnl - a->pnl_mean;
    a->pnl_mean += delta / a->n;
    a->pnl_m2 += delta * (pnl - a->pnl_mean);
    a->best = (a->best != a->best || ret > a->best) ? ret : a->best;
    a->worst = (a->worst != a->worst || ret < a->worst) ? ret : a->worst;
    a->ret_sum += ret;
    if (ret > 0)
        a->ret_pos += ret;
    if (ret < 0)
        a->ret_neg += ret;
    if (pnl > 0) {
        a->pnl_pos += pnl;
        a->n_pos += 1;
    }
    if (pnl < 0) {
        a->pnl_neg += pnl;
        a->n_neg += 1;
    }
    double g = ret + 1;
    if (g <= 0)
        a->ret_le_m1 = 1;
    else if (groups & BT_ACC_TRADE_LOG)
        a->log_sum += log(g);
    a->comm += commission;
    double dur = t_exit - t_entry;
    a->dur_max = (a->n == 1 || dur > a->dur_max) ? dur : a->dur_max;
    a->dur_sum += dur;
    /* union of [entry, exit] bar ranges; trades arrive in entry order */
    double e = (double)entry_bar, f = (double)exit_bar;
    double from = e > a->cover_end + 1 ? e : a->cover_end + 1;
    if (f >= from)
        a->covered += f - from + 1;
    if (f > a->cover_end)
        a->cover_end = f;
}

#ifdef BT_HOST
/* The heatmap value of statistic `key` (a bt_stat_id) for lane c, with
 * backtesting.py's definitions: durations in days for a datetime index, 0
 * for an absent Commissions key, NaN for an absent CAGR key. warmup is the
 * combination's first Buy & Hold bar. Implemented in host/accum.c. */
double bt_acc_value(const bt_acc_ctx *x, const bt_acc_bars *a, size_t c, const bt_acc_trades *t, size_t warmup,
                    int key);

/* The accumulator groups a statistic needs (BT_ACC_* bits). */
int bt_acc_groups_for(int key);
#endif

#endif /* BT_ACCUM_H */
