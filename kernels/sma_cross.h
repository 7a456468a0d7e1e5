/*
 * sma_cross.h - one combination of sma_cross (backtesting.py's Quick-Start
 * SmaCross) per lane: the per-bar body, the events between bars and the last
 * bar, shared by the CPU backend (C, in SIMD loops) and the OpenCL kernel.
 *
 * A lane's bar i, given SMA(n1) and SMA(n2) on bars i - 1 (q1, q2) and i
 * (s1, s2):
 *   1. bt_lane_event: the event left by bar i - 1, if any (pend != 0): fill
 *      the queued close and entry at O[i] (or C[i-1] with trade_on_close), or
 *      the wipe-out of a lane that ran out of money on bar i - 1;
 *   2. bt_sma_bar: equity at C[i] into the accumulators, and the crossover
 *      signal of next() on bar i into pend (branch-free);
 *   3. on the last bar, bt_sma_last instead: fills, equity, finalize_trades.
 */
#ifndef BT_SMA_CROSS_H
#define BT_SMA_CROSS_H

#include "bt_lanes.h"

/* backtesting.lib.crossover(a, b) on bar i, from a and b on bars i-1, i. */
BT_INLINE int bt_crossover(double a_prev, double b_prev, double a, double b)
{
    return (a_prev < b_prev) & (a > b);
}

/* The branch-free part of bar i: returns the equity to record (0 for a
 * lane that runs out of money on this bar) and sets *pend to the signal for
 * the next bar (+1 buy, -1 sell, 0 none) or BT_PEND_WIPE_OUT. `from` is the
 * lane's first strategy bar (+inf once wiped out). */
BT_INLINE double bt_sma_bar(double cash, double size, double entry, double from, double C, double di, double s1,
                            double s2, double q1, double q2, double *pend)
{
    double eq = cash + (C * size - size * entry);
    int oom = (from < INFINITY) & (eq <= 0);
    int up = bt_crossover(q1, q2, s1, s2);
    int dn = bt_crossover(q2, q1, s2, s1);
    double sig = di >= from ? (up ? 1.0 : (dn ? -1.0 : 0.0)) : 0.0;
    *pend = oom ? BT_PEND_WIPE_OUT : sig;
    return oom ? 0.0 : eq;
}

/* The last bar (n - 1) of lane c, after its event: bt_lane_last with the
 * crossover signal of next() on it. */
BT_INLINE void bt_sma_last(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc,
                           const bt_acc_ctx *x, bt_acc_bars *a, double s1, double s2, double q1, double q2,
                           int groups)
{
    double sig = bt_crossover(q1, q2, s1, s2) ? 1.0 : bt_crossover(q2, q1, s2, s1) ? -1.0 : 0.0;
    bt_lane_last(g, l, c, acc, x, a, sig, groups);
}

/* A device kernel's view of its arguments: the settings, the lane arrays
 * (7 x m doubles: cash, size, entry, entry bar, pend, alive, from) and the
 * accumulators (BT_ACC_BAR_FIELDS x m doubles). */
BT_INLINE void bt_sma_device_view(bt_lane_cfg *g, bt_lanes *l, bt_acc_ctx *x, bt_acc_bars *a, size_t n, size_t m,
                                  BT_GLOBAL const double *open, BT_GLOBAL const double *close,
                                  BT_GLOBAL const double *times, BT_GLOBAL const unsigned char *bin_last,
                                  double fixed, double rel, double spread, double lev, int trade_on_close,
                                  int finalize, int groups, BT_GLOBAL double *lanes, BT_GLOBAL double *accb)
{
    g->open = open;
    g->close = close;
    g->t = times;
    g->n = n;
    g->fixed = fixed;
    g->rel = rel;
    g->spread = spread;
    g->lev = lev;
    g->trade_on_close = trade_on_close;
    g->finalize = finalize;
    g->groups = groups;
    l->cash = lanes;
    l->size = lanes + m;
    l->entry = lanes + 2 * m;
    l->ebar = lanes + 3 * m;
    l->pend = lanes + 4 * m;
    l->alive = lanes + 5 * m;
    l->from = lanes + 6 * m;
    x->n = n;
    x->t = times;
    x->bin_last = bin_last;
    x->market_yc = 0;
    x->market_yc_sum = 0;
    x->market_yc_sq = 0;
    x->close = close;
    x->cash = 0;
    x->periods_per_year = 0;
    x->years = 0;
    x->resolution = 0;
    x->is_datetime = 0;
    x->groups = groups;
    bt_acc_bars_bind(a, accb, m);
}

/* The whole tile [t0, t1) of one lane, for the device backends (one
 * work-item or thread per lane): rows1/rows2 are the tile's SMA tables
 * (row 0 = the bar before t0), c1/c2 the lane's columns. */
BT_INLINE void bt_sma_tile(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc,
                           const bt_acc_ctx *x, bt_acc_bars *a, size_t t0, size_t t1, BT_GLOBAL const double *rows1,
                           size_t w1, BT_GLOBAL const double *rows2, size_t w2, int c1, int c2, int groups)
{
    for (size_t i = t0; i < t1; i++) {
        size_t r = i - t0 + 1;
        double s1 = rows1[r * w1 + c1], s2 = rows2[r * w2 + c2];
        double q1 = rows1[(r - 1) * w1 + c1], q2 = rows2[(r - 1) * w2 + c2];
        if (i > 0 && l->pend[c] != 0)
            bt_lane_event(g, l, c, acc, i);
        if (i + 1 == g->n) {
            bt_sma_last(g, l, c, acc, x, a, s1, s2, q1, q2, groups);
        } else {
            double pend;
            double eq = bt_sma_bar(l->cash[c], l->size[c], l->entry[c], l->from[c], g->close[i], (double)i, s1, s2,
                                   q1, q2, &pend);
            bt_acc_bar(x, a, c, i, eq, groups);
            l->pend[c] = pend;
        }
    }
}

#endif /* BT_SMA_CROSS_H */
