/*
 * bt_lanes.h - backtesting.py's broker for strategies that hold at most one
 * trade and trade with market orders sized "all available margin", one lane
 * per combination, as a structure of arrays.
 *
 * sma_cross is such a strategy: on a signal it calls position.close() and
 * then buy() or sell(), so its queue is always [close the open trade, new
 * entry]. Under that pattern exclusive_orders and hedging change nothing,
 * there is never more than one open trade, and the whole broker reduces to
 * the events below. Each function reproduces the reference engine's
 * arithmetic operation for operation (host/reference.c), so the lanes give
 * the reference's bits.
 *
 * The per-bar common path (equity, signals, accumulators) is the caller's
 * branch-free SIMD loop; these functions run only on the rare bars where a
 * lane fills an order or runs out of money.
 */
#ifndef BT_LANES_H
#define BT_LANES_H

#include "bt_accum.h"
#include "bt_pymath.h"

/* backtesting.py's default order size, 1 - machine epsilon. */
#define BT_LANE_FULL_SIZE (1.0 - 2.220446049250313e-16)

/* Settings and series shared by all lanes. */
typedef struct bt_lane_cfg {
    BT_GLOBAL const double *open, *close, *t; /* series (t: bar times as doubles) */
    size_t n;                       /* bars */
    double fixed, rel;              /* commission: fixed + |size| * price * rel */
    double spread;                  /* relative spread on entries */
    double lev;                     /* 1 / margin */
    int trade_on_close;
    int finalize;
    int groups;                     /* the accumulator groups (BT_ACC_*) */
} bt_lane_cfg;

/* Lane state, one element per combination (structure of arrays). */
typedef struct bt_lanes {
    BT_GLOBAL double *cash;   /* cash */
    BT_GLOBAL double *size;   /* open trade's signed units; 0 when flat */
    BT_GLOBAL double *entry;  /* its entry price (spread-adjusted) */
    BT_GLOBAL double *ebar;   /* its entry bar */
    BT_GLOBAL double *pend;   /* signal from the previous next(): +1 buy, -1 sell, 0 none */
    BT_GLOBAL double *alive;  /* 0 after running out of money */
    BT_GLOBAL double *from;   /* first bar the strategy runs on; +inf once wiped out */
} bt_lanes;

BT_INLINE double bt_lane_comm(const bt_lane_cfg *g, double size, double price)
{
    return g->fixed + (fabs(size) * price) * g->rel;
}

/* CPython's float floor division (host/numeric.h: bt_py_floordiv), with
 * the same bits. For 0 <= a, 0 < b and a / b < 2^51 (every order the broker
 * sizes) CPython's (a - fmod(a, b)) / b, rounded as it rounds, is exactly
 * N = floor of the true quotient: N * b rounds to within N * 2^-52 of
 * itself, less than 0.5 below 2^51. N is trunc(a / b) or one less (the
 * division may round up to a whole number, never down past one), and the
 * exact remainder a - n * b (one fma) is negative exactly when it is one
 * less. So one division gives it; other operands take CPython's path. */
BT_INLINE double bt_lane_floordiv(double a, double b)
{
    double q = a / b;
    if (a >= 0 && b > 0 && q < 2251799813685248.0) {
        double n = trunc(q);
        return fma(-n, b, a) < 0 ? n - 1 : n;
    }
    return bt_py_floordiv_from_mod(a, b, fmod(a, b)); /* fmod is exact in C, OpenCL and CUDA */
}

/* Broker._close_trade of one trade (size units entered at entry on bar
 * ebar) at price, recorded at bar tidx: the cash of its lane and the trade
 * accumulators. */
BT_INLINE void bt_lane_close_trade(const bt_lane_cfg *g, BT_GLOBAL double *cash, BT_GLOBAL bt_acc_trades *acc,
                                   double size, double entry, size_t ebar, double price, size_t tidx)
{
    double exit_comm = bt_lane_comm(g, size, price);
    double pl = size * (price - entry) - 0.0;
    *cash += pl - exit_comm;
    if (g->groups & BT_ACC_TRADES) {
        double comm = exit_comm + bt_lane_comm(g, size, entry);
        double pnl = size * (price - entry) - comm;
        double ret = copysign(1.0, size) * (price / entry - 1) - comm / (fabs(size) * entry);
        bt_acc_trade(acc, g->groups, pnl, ret, comm, ebar, tidx, g->t[ebar], g->t[tidx]);
    } else {
        acc->n += 1;
    }
}

/* Broker._close_trade of lane c's open trade at price, recorded at bar tidx. */
BT_INLINE void bt_lane_close(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc, double price,
                                 size_t tidx)
{
    bt_lane_close_trade(g, &l->cash[c], acc, l->size[c], l->entry[c], (size_t)l->ebar[c], price, tidx);
    l->size[c] = 0;
    l->entry[c] = 0;
}

/* Processes lane c's queue on bar i: close the open trade (when there is
 * one), then the entry pend (when non-zero), at O[i], or at C[i-1] with
 * trade_on_close. `close_open` is 1 when a close order is queued. */
BT_INLINE void bt_lane_orders(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc, size_t i,
                                  double pend, int close_open)
{
    double price = g->trade_on_close ? g->close[i - 1] : g->open[i];
    size_t tidx = g->trade_on_close ? i - 1 : i;
    if (close_open && l->size[c] != 0)
        bt_lane_close(g, l, c, acc, price, tidx);
    if (pend == 0)
        return;
    double f = pend * BT_LANE_FULL_SIZE;
    double adjusted = price * (1 + copysign(g->spread, f));
    double adjusted_plus_comm = adjusted + bt_lane_comm(g, f, price) / fabs(f);
    /* flat now: equity = cash + (C[i] * 0 - 0), margin used = 0 */
    double equity = l->cash[c] + (g->close[i] * 0.0 - 0.0);
    double avail = equity - 0.0;
    avail = avail > 0 ? avail : 0;
    double units = 0;
    if (adjusted_plus_comm > 0 && isfinite(adjusted_plus_comm))
        units = trunc(bt_lane_floordiv(avail * g->lev * fabs(f), adjusted_plus_comm));
    double size = copysign(units, f);
    if (size == 0)
        return; /* insufficient margin: cancelled */
    if (fabs(size) * adjusted_plus_comm > avail * g->lev)
        return;
    l->size[c] = size;
    l->entry[c] = adjusted;
    l->ebar[c] = (double)tidx;
    l->cash[c] -= bt_lane_comm(g, size, adjusted);
}

/* Equity of lane c at bar i (0.6.6's formula for one open trade). */
BT_INLINE double bt_lane_equity(const bt_lane_cfg *g, const bt_lanes *l, size_t c, size_t i)
{
    return l->cash[c] + (g->close[i] * l->size[c] - l->size[c] * l->entry[c]);
}

/* Out of money on bar i: close at C[i], cash and all later equity 0. */
BT_INLINE void bt_lane_wipe_out(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc, size_t i)
{
    if (l->size[c] != 0)
        bt_lane_close(g, l, c, acc, g->close[i], i);
    l->cash[c] = 0;
    l->size[c] = 0;
    l->entry[c] = 0;
    l->alive[c] = 0;
    l->pend[c] = 0;
    l->from[c] = INFINITY;
}

/* pend codes beyond +1 (buy) and -1 (sell), both of which also close the
 * open trade first: */
#define BT_PEND_WIPE_OUT 2.0 /* the lane ran out of money on the previous bar */
#define BT_PEND_CLOSE 3.0    /* position.close() without a new entry */

/* Lane c's event from bar i - 1 (pend != 0), processed before bar i. */
BT_INLINE void bt_lane_event(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc, size_t i)
{
    double p = l->pend[c];
    l->pend[c] = 0;
    if (p == BT_PEND_WIPE_OUT)
        bt_lane_wipe_out(g, l, c, acc, i - 1);
    else
        bt_lane_orders(g, l, c, acc, i, p == BT_PEND_CLOSE ? 0.0 : p, 1);
}

/* The last bar (n - 1) of lane c, after its event, where next() on it left
 * the pend code sig (0, +-1, BT_PEND_CLOSE): equity, and with
 * finalize_trades the close of the open trade plus sig's orders at the last
 * bar, then the final equity into the accumulators. */
BT_INLINE void bt_lane_last(const bt_lane_cfg *g, bt_lanes *l, size_t c, BT_GLOBAL bt_acc_trades *acc,
                            const bt_acc_ctx *x, bt_acc_bars *a, double sig, int groups)
{
    const size_t i = g->n - 1;
    const int first_bar = (double)i == l->from[c]; /* the strategy's only bar */
    double eq = bt_lane_equity(g, l, c, i);
    if (l->alive[c] != 0 && (double)i >= l->from[c]) {
        if (eq <= 0) {
            bt_lane_wipe_out(g, l, c, acc, i);
            eq = 0;
        } else if (g->finalize) {
            bt_lane_orders(g, l, c, acc, i, sig == BT_PEND_CLOSE ? 0.0 : sig, 1);
            eq = bt_lane_equity(g, l, c, i);
            if (eq <= 0) {
                bt_lane_wipe_out(g, l, c, acc, i);
                eq = 0;
            }
        }
    }
    if (first_bar && l->alive[c] == 0) {
        /* wiped out by the finalize order on its first and only bar: that 0
         * is the run's only recorded equity, and backtesting.py back-fills
         * the leading bars with it, so the curve is all zeros */
        bt_acc_bars_reset(a, c, x->t[0]);
        for (size_t k = 0; k < i; k++)
            bt_acc_bar(x, a, c, k, 0.0, groups);
    }
    bt_acc_bar(x, a, c, i, eq, groups);
    bt_acc_final(a, c, eq);
}

#endif /* BT_LANES_H */
