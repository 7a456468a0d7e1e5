/*
 * vx_orders.h - the vector executor's order lanes (vexec.c): backtesting.py
 * 0.6.6's order queue (host/engine/broker.c, the oracle) for one lane that
 * holds at most one trade, with at most one stand-alone order (market,
 * limit, stop or stop-limit, with or without SL/TP), the trade's SL and TP
 * orders and one Trade.close() order. That covers limit entries re-placed
 * every bar, brackets, trailing stops and break-even moves without a heap,
 * a list search or a call per bar.
 *
 * The queue's order is kept as ranks: an order inserted at the front
 * (SL orders, Trade.close() orders) takes the next lower rank, one appended
 * (TP orders, stand-alone orders) the next higher, and _process_orders walks
 * a snapshot in rank order, skipping what was removed meanwhile and leaving
 * what was added for its reprocessing pass, as the reference does. Every
 * price, size and commission is computed operation for operation as there.
 *
 * What the lanes do not model makes the lane escape (VX_ESC_MODEL) to a
 * reference broker of its own: a second trade (pyramiding, hedging), a
 * partial close, a second stand-alone order, exclusive_orders, a pending
 * stand-alone order with finalize_trades at the end.
 */
#ifndef VX_ORDERS_H
#define VX_ORDERS_H

#include "bt_lanes.h"

#include <math.h>
#include <string.h>

/* the kinds of orders a lane's queue may hold */
enum { OB_SL, OB_TP, OB_CLOSE, OB_ENTRY, OB_KINDS };

typedef struct vx_book {
    double px[2];                /* the trade's SL stop and TP limit prices */
    double size, limit, stop, sl, tp; /* the stand-alone order; NaN: None (a triggered stop is None) */
    unsigned id[OB_KINDS];       /* per kind: its order's id; 0: none queued */
    int rank[OB_KINDS];          /* its position in the queue (ascending) */
    unsigned next_id;
    int front, back;
    int n;                       /* orders queued: len(self.orders) */
} vx_book;

/* what the order lanes need beyond bt_lane_cfg */
typedef struct vx_bcfg {
    const bt_lane_cfg *g;
    const double *high, *low;
    int hedging, exclusive;
} vx_bcfg;

static inline void ob_reset(vx_book *k)
{
    memset(k, 0, sizeof *k);
}

/* orders.insert(0, order) (front) or orders.append(order); a kind already
 * queued is replaced (the caller removed it first, as Order.cancel() does) */
static inline void ob_insert(vx_book *k, int kind, int front)
{
    k->n += k->id[kind] == 0;
    k->id[kind] = ++k->next_id;
    k->rank[kind] = front ? --k->front : ++k->back;
}

static inline void ob_remove(vx_book *k, int kind)
{
    k->n -= k->id[kind] != 0;
    k->id[kind] = 0;
}

/* for order in self.orders: order.cancel(): the trade's SL and TP become None */
static inline void ob_cancel_all(vx_book *k)
{
    for (int q = 0; q < OB_KINDS; q++)
        k->id[q] = 0;
    k->n = 0;
}

/* Python's min(a, b) / max(a, b): the first unless the second compares smaller / larger */
static inline double ob_min(double a, double b) { return b < a ? b : a; }
static inline double ob_max(double a, double b) { return b > a ? b : a; }

/* _Broker.margin_available at close C with lane d's one trade (or none) */
static inline double ob_margin(const bt_lane_cfg *g, const bt_lanes *l, size_t d, double C)
{
    double used = l->size[d] != 0 ? 0 + fabs(l->size[d]) * C / g->lev : 0;
    double eq = l->cash[d] + (C * l->size[d] - l->size[d] * l->entry[d]);
    double avail = eq - used;
    return avail > 0 ? avail : 0;
}

/* _close_trade of lane d's trade: its SL and TP orders leave the queue */
static inline void ob_close_trade(const bt_lane_cfg *g, vx_book *k, bt_lanes *l, size_t d, bt_acc_trades *acc,
                                  double price, size_t tidx)
{
    bt_lane_close(g, l, d, acc, price, tidx);
    ob_remove(k, OB_SL);
    ob_remove(k, OB_TP);
}

/* Trade.__set_contingent: which 0 (SL, queued at the front) or 1 (TP,
 * appended) to price, or None. Returns 0, or VX_ESC_ERROR where Python
 * raises (0 < price < inf fails). */
static inline int ob_set_contingent(vx_book *k, int which, double price, int none)
{
    if (!none && !(0 < price && price < INFINITY))
        return VX_ESC_ERROR;
    ob_remove(k, which);
    if (!none) {
        k->px[which] = price;
        ob_insert(k, which, which == 0);
    }
    return 0;
}

/* The bars on which lane d's queue can act (ob_process would change
 * something): 1 where every bar (a Trade.close() order, a market entry);
 * otherwise those with low <= *lo or high >= *hi (-inf / inf: no such order).
 * The trade's SL and TP prices are finite (ob_set_contingent), and so is a
 * stop or limit the queue's test reads (NaN is None there). */
static inline int ob_trig(const vx_book *k, const bt_lanes *l, size_t d, double *lo, double *hi)
{
    double a = -INFINITY, b = INFINITY;
    if (k->id[OB_CLOSE])
        return 1;
    if (k->id[OB_ENTRY]) {
        const int is_long = k->size > 0;
        const double x = !isnan(k->stop) ? k->stop : k->limit;
        if (isnan(x))
            return 1; /* a market order */
        /* a stop order acts once it triggers; a limit order where its price is reached */
        if (is_long == !isnan(k->stop))
            b = x < b ? x : b; /* a buy stop: high >= stop; a sell limit: high >= limit */
        else
            a = x > a ? x : a; /* a sell stop: low <= stop; a buy limit: low <= limit */
    }
    const int short_trade = l->size[d] < 0; /* its SL/TP orders buy */
    if (k->id[OB_SL]) {
        if (short_trade)
            b = k->px[0] < b ? k->px[0] : b;
        else
            a = k->px[0] > a ? k->px[0] : a;
    }
    if (k->id[OB_TP]) {
        if (short_trade)
            a = k->px[1] > a ? k->px[1] : a;
        else
            b = k->px[1] < b ? k->px[1] : b;
    }
    *lo = a;
    *hi = b;
    return 0;
}

/* 1 when no order of lane d's queue can act on a bar with this high and
 * low (ob_process would change nothing): the test each bar costs, with
 * early exits (ob_trig's envelope as branches). */
static inline int ob_idle(const vx_book *k, const bt_lanes *l, size_t d, double high, double low)
{
    if (k->id[OB_CLOSE])
        return 0;
    if (k->id[OB_ENTRY]) {
        const int is_long = k->size > 0;
        if (!isnan(k->stop)) {
            if (is_long ? high >= k->stop : low <= k->stop)
                return 0;
        } else if (isnan(k->limit) || (is_long ? low <= k->limit : high >= k->limit)) {
            return 0;
        }
    }
    const int short_trade = l->size[d] < 0; /* its SL/TP orders buy */
    if (k->id[OB_SL] && (short_trade ? high >= k->px[0] : low <= k->px[0]))
        return 0;
    if (k->id[OB_TP] && (short_trade ? low <= k->px[1] : high >= k->px[1]))
        return 0;
    return 1;
}

/* The first bar in [a, b) (a >= 1) on which lane d's queue can act, or b:
 * ob_trig's envelope against the bars' lows and highs, 16 bars a step. */
static inline size_t ob_scan(const vx_book *k, const bt_lanes *l, size_t d, const double *high, const double *low,
                             size_t a, size_t b)
{
    double lo, hi;
    if (a >= b || ob_trig(k, l, d, &lo, &hi))
        return a;
    size_t t = a;
    for (; t + 16 <= b; t += 16) {
        int hit = 0;
#pragma omp simd reduction(| : hit)
        for (size_t u = 0; u < 16; u++)
            hit |= (low[t + u] <= lo) | (high[t + u] >= hi);
        if (hit)
            break;
    }
    for (; t < b; t++)
        if (low[t] <= lo || high[t] >= hi)
            return t;
    return b;
}

/* The queue in order: its kinds and their ids; returns how many. */
static inline int ob_queue(const vx_book *k, int *kinds, unsigned *ids)
{
    int ns = 0;
    for (int q = 0; q < OB_KINDS; q++) {
        if (!k->id[q])
            continue;
        int at = ns++;
        while (at > 0 && k->rank[kinds[at - 1]] > k->rank[q]) {
            kinds[at] = kinds[at - 1];
            ids[at] = ids[at - 1];
            at--;
        }
        kinds[at] = q;
        ids[at] = k->id[q];
    }
    return ns;
}

/* _Broker._process_orders on bar i for lane d (1 <= i): returns 0, or the
 * lane's escape code. */
static int ob_process(const vx_bcfg *cf, vx_book *k, bt_lanes *l, size_t d, bt_acc_trades *acc, size_t i)
{
    const bt_lane_cfg *g = cf->g;
    const double open = g->open[i], high = cf->high[i], low = cf->low[i];
    for (;;) {
        int reprocess = 0;
        int kinds[OB_KINDS];
        unsigned ids[OB_KINDS];
        const int ns = ob_queue(k, kinds, ids);
        for (int sn = 0; sn < ns; sn++) {
            const int kind = kinds[sn];
            if (k->id[kind] != ids[sn])
                continue; /* removed (a related SL/TP order) */
            if (kind == OB_SL || kind == OB_TP) {
                /* a contingent order of size -trade.size: its fill closes the trade */
                const int is_long = -l->size[d] > 0;
                double price;
                if (kind == OB_SL) {
                    const double stop = k->px[0];
                    if (!(is_long ? high >= stop : low <= stop))
                        continue;
                    price = is_long ? ob_max(open, stop) : ob_min(open, stop);
                } else {
                    const double lim = k->px[1];
                    if (!(is_long ? low <= lim : high >= lim))
                        continue;
                    price = is_long ? ob_min(open, lim) : ob_max(open, lim);
                }
                ob_close_trade(g, k, l, d, acc, price, i);
                continue;
            }
            if (kind == OB_CLOSE) { /* Trade.close(): a market order, not contingent */
                const double price = g->trade_on_close ? g->close[i - 1] : open;
                if (l->size[d] != 0)
                    ob_close_trade(g, k, l, d, acc, price, g->trade_on_close ? i - 1 : i);
                ob_remove(k, OB_CLOSE);
                continue;
            }
            /* the stand-alone order */
            const double size0 = k->size;
            const int is_long = size0 > 0;
            const double stop_price = k->stop;
            if (!isnan(stop_price)) {
                if (!(is_long ? high >= stop_price : low <= stop_price))
                    continue;
                k->stop = NAN; /* a triggered stop order becomes a market/limit order */
            }
            const double limit = k->limit;
            double price;
            if (!isnan(limit)) {
                const int hit = is_long ? low <= limit : high >= limit;
                /* stop and limit hit in the same bar: the limit is assumed hit before the stop */
                const int before = hit && (is_long ? limit <= (isnan(stop_price) ? -INFINITY : stop_price)
                                                   : limit >= (isnan(stop_price) ? INFINITY : stop_price));
                if (!hit || before)
                    continue;
                const double base = isnan(stop_price) ? open : stop_price;
                price = is_long ? ob_min(base, limit) : ob_max(base, limit);
            } else {
                price = g->trade_on_close ? g->close[i - 1] : open;
                if (!isnan(stop_price))
                    price = is_long ? ob_max(price, stop_price) : ob_min(price, stop_price);
            }
            const int is_market = isnan(limit) && isnan(stop_price);
            const size_t tidx = is_market && g->trade_on_close ? i - 1 : i;
            const double C = g->close[i];
            const double adjusted = price * (1 + copysign(g->spread, size0));
            const double apc = adjusted + bt_lane_comm(g, size0, price) / fabs(size0);
            double size = size0;
            if (-1 < size && size < 1) {
                double q = 0;
                if (apc > 0 && isfinite(apc))
                    q = bt_lane_floordiv(ob_margin(g, l, d, C) * g->lev * fabs(size), apc);
                if (isnan(q) || isinf(q))
                    return VX_ESC_ERROR; /* ValueError / OverflowError */
                size = copysign(trunc(q), size);
                if (size == 0) { /* not enough margin for a single unit: cancelled */
                    ob_remove(k, OB_ENTRY);
                    continue;
                }
            }
            double need = size;
            if (!cf->hedging && l->size[d] != 0 && (l->size[d] > 0) != (size0 > 0)) {
                const double tsize = l->size[d];
                if (!(fabs(need) >= fabs(tsize)))
                    return VX_ESC_MODEL; /* a partial close */
                ob_close_trade(g, k, l, d, acc, price, tidx);
                need += tsize;
            }
            if (fabs(need) * apc > ob_margin(g, l, d, C) * g->lev) {
                ob_remove(k, OB_ENTRY); /* not enough liquidity: cancelled */
                continue;
            }
            if (need != 0) {
                if (l->size[d] != 0)
                    return VX_ESC_MODEL; /* a second trade */
                l->size[d] = need;
                l->entry[d] = adjusted;
                l->ebar[d] = (double)tidx;
                l->cash[d] -= bt_lane_comm(g, need, adjusted);
                const double sl = k->sl, tp = k->tp;
                if (!isnan(tp) && ob_set_contingent(k, 1, tp, 0))
                    return VX_ESC_ERROR;
                if (!isnan(sl) && ob_set_contingent(k, 0, sl, 0))
                    return VX_ESC_ERROR;
                /* reprocess so the new SL/TP can fire in this bar (issue #119) */
                if (!isnan(sl) || !isnan(tp)) {
                    if (is_market)
                        reprocess = 1;
                    else if (!isnan(stop_price) && isnan(limit) && !isnan(tp) &&
                             ((size0 > 0 && tp <= high && (isnan(sl) ? -INFINITY : sl) < low) ||
                              (size0 < 0 && tp >= low && (isnan(sl) ? INFINITY : sl) > high)))
                        reprocess = 1;
                }
            }
            ob_remove(k, OB_ENTRY);
        }
        if (!reprocess)
            return 0;
    }
}

/* Trade.close(portion) of lane d's trade (Position.close() with one trade):
 * a Trade.close() order at the front. Returns 0 or an escape code. */
static inline int ob_trade_close(vx_book *k, const bt_lanes *l, size_t d, double portion)
{
    if (!(0 < portion && portion <= 1))
        return VX_ESC_ERROR; /* AssertionError */
    double units = rint(fabs(l->size[d]) * portion);
    if ((units > 1 ? units : 1) != fabs(l->size[d]) || k->id[OB_CLOSE])
        return VX_ESC_MODEL; /* a partial close; a second close order */
    ob_insert(k, OB_CLOSE, 1);
    return 0;
}

/* Strategy.buy()/sell() of lane d, an order that passed its check
 * (bt_order_passes) with this signed size and these prices (NaN: not set).
 * Returns 0 or an escape code. */
static inline int ob_order(const vx_bcfg *cf, vx_book *k, const bt_lanes *l, size_t d, double size, double limit,
                           double stop, double sl, double tp)
{
    if (cf->exclusive) {
        /* cancel the non-contingent orders while iterating over the same list
         * (the order after a cancelled one is skipped), then close the trade */
        int kinds[OB_KINDS];
        unsigned ids[OB_KINDS];
        int ns = ob_queue(k, kinds, ids);
        for (int q = 0; q < ns; q++)
            if (kinds[q] == OB_CLOSE || kinds[q] == OB_ENTRY) {
                ob_remove(k, kinds[q]);
                memmove(&kinds[q], &kinds[q + 1], (size_t)(ns - q - 1) * sizeof *kinds);
                ns--;
            }
        if (l->size[d] != 0) {
            if (k->id[OB_CLOSE])
                return VX_ESC_MODEL; /* two close orders */
            ob_insert(k, OB_CLOSE, 1);
        }
    }
    if (k->id[OB_ENTRY])
        return VX_ESC_MODEL;
    k->size = size;
    k->limit = limit;
    k->stop = stop;
    k->sl = sl;
    k->tp = tp;
    ob_insert(k, OB_ENTRY, 0);
    return 0;
}

/* The last bar (n - 1) of lane d, after its queue and next() on it:
 * bt_lane_last, where finalize_trades closes the trade with a Trade.close()
 * order at the front of the queue and the whole queue is processed once more
 * on this bar, as the reference's finalize does. Returns 0 or an escape code. */
static int ob_last(const vx_bcfg *cf, vx_book *k, bt_lanes *l, size_t d, bt_acc_trades *acc, const bt_acc_ctx *x,
                   bt_acc_bars *a, int groups)
{
    const bt_lane_cfg *g = cf->g;
    const size_t i = g->n - 1;
    if (!g->finalize || !k->n) {
        bt_lane_last(g, l, d, acc, x, a, 0.0, groups);
        return 0;
    }
    const int first_bar = (double)i == l->from[d];
    double eq = bt_lane_equity(g, l, d, i);
    if (l->alive[d] != 0 && (double)i >= l->from[d]) {
        if (eq <= 0) {
            bt_lane_wipe_out(g, l, d, acc, i);
            eq = 0;
        } else {
            if (l->size[d] != 0) {
                ob_remove(k, OB_CLOSE); /* a second close order of the trade does nothing */
                ob_insert(k, OB_CLOSE, 1);
            }
            int r = ob_process(cf, k, l, d, acc, i);
            if (r)
                return r;
            eq = bt_lane_equity(g, l, d, i);
            if (eq <= 0) {
                bt_lane_wipe_out(g, l, d, acc, i);
                eq = 0;
            }
        }
    }
    if (first_bar && l->alive[d] == 0) { /* as bt_lane_last */
        bt_acc_bars_reset(a, d, x->t[0]);
        for (size_t q = 0; q < i; q++)
            bt_acc_bar(x, a, d, q, 0.0, groups);
    }
    bt_acc_bar(x, a, d, i, eq, groups);
    bt_acc_final(a, d, eq);
    return 0;
}

/* The view of lane d's trade at close C (bt_broker_trade_view_of of an open trade) */
static inline void ob_trade_view(const vx_book *k, const bt_lanes *l, size_t d, double C, bt_trade_view *v)
{
    /* every field set, no memset first: its wide stores stall the narrower loads that follow */
    const double size = l->size[d], entry = l->entry[d];
    v->found = v->open = 1;
    v->size = size;
    v->entry_price = entry;
    v->exit_price = NAN;
    v->entry_bar = (size_t)l->ebar[d];
    v->exit_bar = SIZE_MAX;
    v->sl = k->id[OB_SL] ? k->px[0] : NAN;
    v->tp = k->id[OB_TP] ? k->px[1] : NAN;
    v->pl = size * (C - entry) - 0;
    v->pl_pct = copysign(1, size) * (C / entry - 1) - 0 / (fabs(size) * entry);
    v->value = fabs(size) * C;
}

#endif /* VX_ORDERS_H */
