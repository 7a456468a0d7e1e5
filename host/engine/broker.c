/* backtesting.py 0.6.6's _Broker with the full order model (broker.h).
 *
 * It is the oracle the fast backends are tested against, so it favours being
 * obviously faithful over being fast: the order queue and the trade list are
 * small arrays handled exactly like backtesting.py's Python lists, including
 * the places where it removes items from a list while iterating over it.
 * Every floating-point expression keeps Python's operand order. */
#include "broker.h"
#include "numeric.h"
#include "strategy.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A queued order (Order). NaN stands for None: a value that passed
 * new_order is never NaN (NaN fails the placement check). */
typedef struct br_order {
    uint64_t id;
    double size;       /* signed: a fraction in (-1, 1) or whole units */
    double limit, stop, sl, tp;
    uint64_t parent;   /* trade id (SL/TP/Trade.close() orders); 0: none */
} br_order;

/* A trade (Trade), open or closed; trade id = index + 1. */
typedef struct br_trade {
    double size;        /* signed whole units (the remaining size once partly closed) */
    double entry_price; /* spread-adjusted */
    size_t entry_bar;
    uint64_t sl_order, tp_order; /* Trade._sl_order / _tp_order ids; 0: None */
    int open;
    size_t closed_index; /* its record in run->trades once closed */
} br_trade;

struct bt_broker {
    const bt_series *s;
    const bt_options *o;
    bt_run *run;
    double lev;          /* 1 / margin */
    double cash;
    size_t i;            /* bar being processed (Strategy API: the current bar) */
    int ran;             /* bt_broker_next was called at least once */
    int broke;           /* out of money */
    br_order *orders;    /* the queue, front first */
    size_t n_orders, cap_orders;
    int lazy;            /* inside process_orders: removed orders become holes (id 0), closed up at its end */
    size_t holes;
    br_trade *tt;        /* every trade ever opened */
    size_t n_tt, cap_tt;
    size_t *open;        /* open trades (indices into tt), oldest first */
    size_t n_open, cap_open;
    int pl_ok;           /* pl_size and pl_cost hold the open trades' sums (unrealized_pl) */
    double pl_size, pl_cost;
    uint64_t *closed_ids; /* parallel to run->trades */
    size_t cap_closed_ids;
    uint64_t next_order_id;
    uint64_t *snap;      /* scratch: queue snapshot */
    size_t cap_snap;
    size_t *tsnap;       /* scratch: trade-list snapshot */
    size_t cap_tsnap;
    int nomem;
    int pending;         /* first error of the void wrappers */
    char pending_msg[sizeof(((bt_error *)0)->msg)];
};

/* ------------------------------------------------------------ small lists */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap * 2 : 8;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / elem)
        return 0;
    void *q = realloc(*p, n * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = n;
    return 1;
}

static int nomem(bt_broker *b, bt_error *err)
{
    b->nomem = 1;
    return bt_error_set(err, BT_ERR_NOMEM, "out of memory in the broker");
}

/* The position of order id, searched from *hint (where the order after the
 * previous one is expected: process_orders walks its snapshot in queue
 * order, and the queue only loses orders or gains them at its ends
 * meanwhile), then from 0; updates *hint. Keeps the walk linear in the
 * queue's length. */
static long find_order_from(const bt_broker *b, uint64_t id, size_t *hint)
{
    if (id == 0) /* a hole, not an order */
        return -1;
    for (size_t k = *hint; k < b->n_orders; k++)
        if (b->orders[k].id == id) {
            *hint = k;
            return (long)k;
        }
    for (size_t k = 0; k < *hint && k < b->n_orders; k++)
        if (b->orders[k].id == id) {
            *hint = k;
            return (long)k;
        }
    return -1;
}

static long find_order(const bt_broker *b, uint64_t id)
{
    size_t from = 0;
    return find_order_from(b, id, &from);
}

static void remove_order_at(bt_broker *b, size_t k)
{
    if (b->lazy) { /* the queue closes up once, at the end of process_orders: linear, not quadratic */
        b->orders[k].id = 0;
        b->holes++;
        return;
    }
    memmove(&b->orders[k], &b->orders[k + 1], (b->n_orders - k - 1) * sizeof *b->orders);
    b->n_orders--;
}

/* Removes order id, searched from *hint (find_order_from); 0 if not queued */
static int remove_order_from(bt_broker *b, uint64_t id, size_t *hint)
{
    long k = find_order_from(b, id, hint);
    if (k < 0)
        return 0;
    remove_order_at(b, (size_t)k);
    return 1;
}

static int remove_order_id(bt_broker *b, uint64_t id)
{
    size_t from = 0;
    return remove_order_from(b, id, &from);
}

/* orders.insert(0 or len, order); returns the new id or 0 (no memory) */
static uint64_t insert_order(bt_broker *b, br_order o, int front)
{
    if (!grow((void **)&b->orders, &b->cap_orders, b->n_orders + 1, sizeof *b->orders)) {
        b->nomem = 1;
        return 0;
    }
    o.id = ++b->next_order_id;
    if (front) {
        memmove(&b->orders[1], &b->orders[0], b->n_orders * sizeof *b->orders);
        b->orders[0] = o;
    } else {
        b->orders[b->n_orders] = o;
    }
    b->n_orders++;
    return o.id;
}

static br_trade *trade_of(const bt_broker *b, uint64_t id)
{
    return id >= 1 && id <= b->n_tt ? &b->tt[id - 1] : NULL;
}

static long find_open(const bt_broker *b, size_t t)
{
    for (size_t k = 0; k < b->n_open; k++)
        if (b->open[k] == t)
            return (long)k;
    return -1;
}

/* Order.is_contingent: parent_trade and (self is its _sl_order or _tp_order) */
static int is_contingent(const bt_broker *b, const br_order *o)
{
    const br_trade *t = o->parent ? trade_of(b, o->parent) : NULL;
    return t && (t->sl_order == o->id || t->tp_order == o->id);
}

/* Python's min(a, b) / max(a, b): the first unless the second compares smaller / larger */
static double py_min(double a, double b) { return b < a ? b : a; }
static double py_max(double a, double b) { return b > a ? b : a; }

/* Python's repr of a float into buf */
static const char *frepr(double v, char *buf, size_t cap)
{
    bt_format_param(v, BT_PTYPE_FLOAT, buf, cap);
    return buf;
}

/* ------------------------------------------------------------ money */

/* _commission_func: fixed + abs(size) * price * relative, left to right */
static double commission(const bt_broker *b, double size, double price)
{
    return b->o->fixed_commission + fabs(size) * price * b->o->commission;
}

static double last_price(const bt_broker *b) { return b->s->close[b->i]; }

/* _position_unrealized_pl: last_price * sum(int(size)) - sum(size * entry) */
/* The open trades' sum(size) and sum(size * entry) into pl_size and pl_cost.
 * They change only when a trade opens, shrinks or closes: kept between
 * those (the same sums, in the same order). */
static void open_sums(const bt_broker *b)
{
    bt_broker *m = (bt_broker *)b;
    if (b->pl_ok)
        return;
    double sum_size = 0, sum_cost = 0;
    for (size_t k = 0; k < b->n_open; k++) {
        const br_trade *t = &b->tt[b->open[k]];
        sum_size += t->size;
        sum_cost += t->size * t->entry_price;
    }
    m->pl_size = sum_size;
    m->pl_cost = sum_cost;
    m->pl_ok = 1;
}

static double unrealized_pl(const bt_broker *b)
{
    open_sums(b);
    return last_price(b) * b->pl_size - b->pl_cost;
}

static double equity(const bt_broker *b) { return b->cash + unrealized_pl(b); }

/* margin_available: max(0, equity - sum(trade.value / leverage)) */
static double margin_available(const bt_broker *b)
{
    double used = 0;
    for (size_t k = 0; k < b->n_open; k++)
        used += fabs(b->tt[b->open[k]].size) * last_price(b) / b->lev;
    double avail = equity(b) - used;
    return avail > 0 ? avail : 0; /* max(0, x): 0 also for NaN */
}

/* ------------------------------------------------------------ trades */

/* Appends a closed-trade record (the closing part of _close_trade). */
static int record_close(bt_broker *b, uint64_t id, double size, double entry_price, size_t entry_bar, double sl,
                        double tp, double price, size_t time_index)
{
    bt_run *run = b->run;
    if (!grow((void **)&run->trades, &run->cap_trades, run->n_trades + 1, sizeof *run->trades) ||
        !grow((void **)&b->closed_ids, &b->cap_closed_ids, run->n_trades + 1, sizeof *b->closed_ids)) {
        b->nomem = 1;
        return 0;
    }
    double exit_comm = commission(b, size, price);
    /* trade.pl uses `exit_price or last_price` */
    double pl_price = price != 0 ? price : last_price(b);
    double pl = size * (pl_price - entry_price) - 0;
    b->cash += pl - exit_comm;
    b->closed_ids[run->n_trades] = id;
    bt_trade *c = &run->trades[run->n_trades++];
    c->size = size;
    c->entry_bar = entry_bar;
    c->exit_bar = time_index;
    c->entry_price = entry_price;
    c->exit_price = price;
    c->sl = sl;
    c->tp = tp;
    c->commission = exit_comm + commission(b, size, entry_price);
    c->pnl = size * (price - entry_price) - c->commission;
    c->return_pct = copysign(1.0, size) * (price / entry_price - 1) - c->commission / (fabs(size) * entry_price);
    return 1;
}

/* _close_trade for the open trade at position k of the open list. */
static void close_trade_at(bt_broker *b, size_t k, double price, size_t time_index)
{
    size_t ti = b->open[k];
    br_trade *t = &b->tt[ti];
    memmove(&b->open[k], &b->open[k + 1], (b->n_open - k - 1) * sizeof *b->open);
    b->n_open--;
    b->pl_ok = 0;
    double sl = NAN, tp = NAN;
    if (t->sl_order) {
        long q = find_order(b, t->sl_order);
        if (q >= 0) {
            sl = b->orders[q].stop;
            remove_order_at(b, (size_t)q);
        }
    }
    if (t->tp_order) {
        long q = find_order(b, t->tp_order);
        if (q >= 0) {
            tp = b->orders[q].limit;
            remove_order_at(b, (size_t)q);
        }
    }
    t->open = 0;
    t->closed_index = b->run->n_trades;
    record_close(b, ti + 1, t->size, t->entry_price, t->entry_bar, sl, tp, price, time_index);
}

/* _reduce_trade: size has the opposite sign of the trade, |size| <= |trade|. */
static void reduce_trade_at(bt_broker *b, size_t k, double price, double size, size_t time_index)
{
    br_trade *t = &b->tt[b->open[k]];
    double left = t->size + size;
    if (left == 0) {
        close_trade_at(b, k, price, time_index);
        return;
    }
    t->size = left;
    b->pl_ok = 0;
    long q;
    if (t->sl_order && (q = find_order(b, t->sl_order)) >= 0)
        b->orders[q].size = -t->size;
    if (t->tp_order && (q = find_order(b, t->tp_order)) >= 0)
        b->orders[q].size = -t->size;
    /* a reduced copy (a new Trade without SL/TP orders) is closed */
    record_close(b, 0, -size, t->entry_price, t->entry_bar, NAN, NAN, price, time_index);
}

/* ------------------------------------------------------------ contingent orders */

/* Trade.__set_contingent(type, price); price_is_none: None. */
static int set_contingent(bt_broker *b, size_t ti, int which, double price, int is_none, int is_int, bt_error *err)
{
    if (!is_none && !(0 < price && price < INFINITY)) {
        char buf[64];
        bt_format_param(price, is_int ? BT_PTYPE_INT : BT_PTYPE_FLOAT, buf, sizeof buf);
        return bt_error_set(err, BT_ERR_DATA, "AssertionError: Make sure 0 < price < inf! price: %s", buf);
    }
    br_trade *t = &b->tt[ti];
    uint64_t *slot = which == 0 ? &t->sl_order : &t->tp_order;
    if (*slot) { /* order.cancel() */
        if (!remove_order_id(b, *slot))
            return bt_error_set(err, BT_ERR_DATA, "ValueError: list.remove(x): x not in list");
        *slot = 0;
        if (!t->open) /* a closed trade's stats read its orders */
            *(which == 0 ? &b->run->trades[t->closed_index].sl : &b->run->trades[t->closed_index].tp) = NAN;
    }
    if (is_none)
        return BT_OK;
    /* new_order(-trade.size, trade=trade, stop=price | limit=price): the
     * placement check always passes (-inf < price < inf) */
    br_order o = {0, -t->size, NAN, NAN, NAN, NAN, (uint64_t)ti + 1};
    if (which == 0)
        o.stop = price;
    else
        o.limit = price;
    uint64_t id = insert_order(b, o, which == 0); /* `0 if trade and stop else len(orders)` */
    if (!id)
        return nomem(b, err);
    t = &b->tt[ti];
    *(which == 0 ? &t->sl_order : &t->tp_order) = id;
    if (!t->open)
        *(which == 0 ? &b->run->trades[t->closed_index].sl : &b->run->trades[t->closed_index].tp) = price;
    return BT_OK;
}

/* _open_trade: a new trade, entry commission, then TP (appended), then SL (front). */
static int open_trade(bt_broker *b, double price, double size, double sl, double tp, size_t time_index,
                      bt_error *err)
{
    if (!grow((void **)&b->tt, &b->cap_tt, b->n_tt + 1, sizeof *b->tt) ||
        !grow((void **)&b->open, &b->cap_open, b->n_open + 1, sizeof *b->open))
        return nomem(b, err);
    size_t ti = b->n_tt++;
    br_trade t = {size, price, time_index, 0, 0, 1, 0};
    b->tt[ti] = t;
    b->open[b->n_open++] = ti;
    b->pl_ok = 0;
    b->cash -= commission(b, size, price);
    int rc;
    if (!isnan(tp) && (rc = set_contingent(b, ti, 1, tp, 0, 0, err)))
        return rc;
    if (!isnan(sl) && (rc = set_contingent(b, ti, 0, sl, 0, 0, err)))
        return rc;
    return BT_OK;
}

/* ------------------------------------------------------------ _process_orders */

/* Closes up the holes process_orders left, keeping the queue's order. */
static void close_holes(bt_broker *b)
{
    if (!b->holes)
        return;
    size_t w = 0;
    for (size_t k = 0; k < b->n_orders; k++)
        if (b->orders[k].id != 0)
            b->orders[w++] = b->orders[k];
    b->n_orders = w;
    b->holes = 0;
}

static int process_orders_holes(bt_broker *b, bt_error *err);

/* Broker._process_orders: the queue is walked as Python walks a copy of it,
 * with the orders it removes left as holes until the walk ends. */
static int process_orders(bt_broker *b, bt_error *err)
{
    close_holes(b);
    b->lazy = 1;
    int rc = process_orders_holes(b, err);
    close_holes(b);
    b->lazy = 0;
    return rc;
}

static int process_orders_holes(bt_broker *b, bt_error *err)
{
    const bt_series *s = b->s;
    const bt_options *opt = b->o;
    const size_t i = b->i;
    const double open = s->open[i], high = s->high[i], low = s->low[i];
    int reprocess = 0;

    size_t n_snap = b->n_orders;
    if (!grow((void **)&b->snap, &b->cap_snap, n_snap + 1, sizeof *b->snap))
        return nomem(b, err);
    for (size_t k = 0; k < n_snap; k++)
        b->snap[k] = b->orders[k].id;

    size_t hint = 0;
    for (size_t k = 0; k < n_snap; k++) {
        long at = find_order_from(b, b->snap[k], &hint);
        if (at < 0) /* a related SL/TP order was already removed */
            continue;
        br_order *live = &b->orders[at];
        const int is_long = live->size > 0;

        /* stop condition */
        double stop_price = live->stop;
        if (!isnan(stop_price)) {
            int hit = is_long ? high >= stop_price : low <= stop_price;
            if (!hit)
                continue;
            live->stop = NAN; /* a triggered stop order becomes a market/limit order */
        }
        const br_order ord = *live; /* the queue may move below */

        double price;
        int contingent = 0;
        if (!isnan(ord.limit)) {
            int hit = is_long ? low <= ord.limit : high >= ord.limit;
            /* stop and limit hit in the same bar: the limit is assumed hit before the stop */
            int before = hit && (is_long ? ord.limit <= (isnan(stop_price) ? -INFINITY : stop_price)
                                         : ord.limit >= (isnan(stop_price) ? INFINITY : stop_price));
            if (!hit || before)
                continue;
            double base = isnan(stop_price) ? open : stop_price;
            price = is_long ? py_min(base, ord.limit) : py_max(base, ord.limit);
        } else {
            contingent = is_contingent(b, &ord);
            price = opt->trade_on_close && !contingent ? s->close[i - 1] : open;
            if (!isnan(stop_price))
                price = is_long ? py_max(price, stop_price) : py_min(price, stop_price);
        }
        const int is_market = isnan(ord.limit) && isnan(stop_price);
        const size_t time_index = is_market && opt->trade_on_close && !contingent ? i - 1 : i;

        /* an SL/TP/Trade.close() order reduces or closes its trade */
        if (ord.parent) {
            br_trade *t = trade_of(b, ord.parent);
            double prev = t->size;
            double size = copysign(py_min(fabs(prev), fabs(ord.size)), ord.size);
            long ko = t->open ? find_open(b, ord.parent - 1) : -1;
            if (ko >= 0) {
                reduce_trade_at(b, (size_t)ko, price, size, time_index);
                if (b->nomem)
                    return nomem(b, err);
                t = trade_of(b, ord.parent);
                if (ord.id == t->sl_order && !t->open) /* SL restored for the stats */
                    b->run->trades[t->closed_index].sl = stop_price;
            }
            if (ord.id == t->sl_order || ord.id == t->tp_order) {
                if (find_order(b, ord.id) >= 0) /* assert order not in self.orders */
                    return bt_error_set(err, BT_ERR_DATA, "AssertionError");
            } else {
                remove_order_from(b, ord.id, &hint); /* a Trade.close() order, now done */
            }
            continue;
        }

        /* a stand-alone order */
        double adjusted = price * (1 + copysign(opt->spread, ord.size));
        double adjusted_plus_comm = adjusted + commission(b, ord.size, price) / fabs(ord.size);
        double size = ord.size;
        if (-1 < size && size < 1) {
            /* DEVIATION kept from the previous reference engine (and the fast
             * backends, tests/test_backends.c): a non-positive or non-finite
             * price-plus-commission gives 0 units (cancelled); Python would
             * floor-divide (negative prices: a positive size; 0: ZeroDivisionError) */
            double q = 0;
            if (adjusted_plus_comm > 0 && isfinite(adjusted_plus_comm))
                q = bt_py_floordiv(margin_available(b) * b->lev * fabs(size), adjusted_plus_comm);
            if (isnan(q))
                return bt_error_set(err, BT_ERR_DATA, "ValueError: cannot convert float NaN to integer");
            if (isinf(q))
                return bt_error_set(err, BT_ERR_DATA, "OverflowError: cannot convert float infinity to integer");
            size = copysign(trunc(q), size);
            if (size == 0) { /* not enough margin for a single unit: cancelled */
                remove_order_from(b, ord.id, &hint);
                continue;
            }
        }
        double need = size;
        if (!opt->hedging) { /* FIFO-close opposite trades first, at the unadjusted price */
            size_t n_t = b->n_open;
            if (!grow((void **)&b->tsnap, &b->cap_tsnap, n_t + 1, sizeof *b->tsnap))
                return nomem(b, err);
            for (size_t q = 0; q < n_t; q++)
                b->tsnap[q] = b->open[q];
            for (size_t q = 0; q < n_t; q++) {
                double tsize = b->tt[b->tsnap[q]].size;
                if ((tsize > 0) == (ord.size > 0))
                    continue; /* the same direction (checked first: no search through a long pyramid) */
                long ko = find_open(b, b->tsnap[q]);
                if (ko < 0)
                    continue;
                if (fabs(need) >= fabs(tsize)) {
                    close_trade_at(b, (size_t)ko, price, time_index);
                    need += tsize;
                } else {
                    reduce_trade_at(b, (size_t)ko, price, need, time_index);
                    need = 0;
                }
                if (b->nomem)
                    return nomem(b, err);
                if (need == 0)
                    break;
            }
        }
        /* not enough liquidity for the remainder: the broker cancels the order */
        if (fabs(need) * adjusted_plus_comm > margin_available(b) * b->lev) {
            remove_order_from(b, ord.id, &hint);
            continue;
        }
        if (need != 0) {
            int rc = open_trade(b, adjusted, need, ord.sl, ord.tp, time_index, err);
            if (rc)
                return rc;
            /* reprocess so the new SL/TP can fire in this bar (issue #119) */
            if (!isnan(ord.sl) || !isnan(ord.tp)) {
                if (is_market)
                    reprocess = 1;
                else if (!isnan(stop_price) && isnan(ord.limit) && !isnan(ord.tp) &&
                         ((ord.size > 0 && ord.tp <= high && (isnan(ord.sl) ? -INFINITY : ord.sl) < low) ||
                          (ord.size < 0 && ord.tp >= low && (isnan(ord.sl) ? INFINITY : ord.sl) > high)))
                    reprocess = 1;
                /* else: an SL/TP inside this bar is only examined from the next bar (a warning in Python) */
            }
        }
        remove_order_from(b, ord.id, &hint);
    }
    if (reprocess)
        return process_orders(b, err);
    return BT_OK;
}

/* ------------------------------------------------------------ life cycle */

int bt_broker_open(const bt_series *s, const bt_options *o, bt_run *run, bt_broker **out, bt_error *err)
{
    *out = NULL;
    bt_broker *b = calloc(1, sizeof *b);
    if (!b)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory for the broker");
    if (!run->equity) {
        run->equity = malloc((s->n ? s->n : 1) * sizeof(double));
        if (!run->equity) {
            free(b);
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory for the equity curve (%zu bars)", s->n);
        }
    }
    run->n_bars = s->n;
    for (size_t i = 0; i < s->n; i++)
        run->equity[i] = NAN;
    b->s = s;
    b->o = o;
    b->run = run;
    b->lev = 1 / o->margin;
    b->cash = o->cash;
    *out = b;
    return BT_OK;
}

void bt_broker_free(bt_broker *b)
{
    if (!b)
        return;
    free(b->orders);
    free(b->tt);
    free(b->open);
    free(b->closed_ids);
    free(b->snap);
    free(b->tsnap);
    free(b);
}

int bt_broker_next(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 0 || i >= b->s->n)
        return bt_error_set(err, BT_ERR_USAGE, "bt_broker_next: bar %zu outside 1..%zu", i, b->s->n - 1);
    b->i = i;
    b->ran = 1;
    int rc = process_orders(b, err);
    if (rc)
        return rc;
    if (b->nomem)
        return nomem(b, err);
    double eq = equity(b);
    b->run->equity[i] = eq;
    if (!(eq <= 0)) /* `if equity <= 0`: a NaN equity is not a wipe-out */
        return 0;
    /* close everything at Close[i]; Python removes from the list it iterates,
     * so every other trade stays open: reproduced on purpose */
    for (size_t k = 0; k < b->n_open; k++)
        close_trade_at(b, k, last_price(b), i);
    if (b->nomem)
        return nomem(b, err);
    b->cash = 0;
    for (size_t j = i; j < b->run->n_bars; j++)
        b->run->equity[j] = 0;
    b->broke = 1;
    b->run->out_of_money = 1;
    return 1;
}

size_t bt_broker_next_active(const bt_broker *b, size_t i, size_t j)
{
    if (b->n_orders == 0)
        return j;
    /* process_orders acts on a bar only where an order hits: High >= hi or Low <= lo */
    double hi = INFINITY, lo = -INFINITY;
    for (size_t k = 0; k < b->n_orders; k++) {
        const br_order *o = &b->orders[k];
        const int is_long = o->size > 0;
        if (!isnan(o->stop)) {
            if (is_long)
                hi = o->stop < hi ? o->stop : hi;
            else
                lo = o->stop > lo ? o->stop : lo;
        } else if (!isnan(o->limit)) {
            if (is_long)
                lo = o->limit > lo ? o->limit : lo;
            else
                hi = o->limit < hi ? o->limit : hi;
        } else {
            return i; /* a market order fills on the next bar */
        }
    }
    const double *high = b->s->high, *low = b->s->low;
    for (size_t t = i; t < j; t++)
        if (high[t] >= hi || low[t] <= lo)
            return t;
    return j;
}

size_t bt_broker_skip(bt_broker *b, size_t i, size_t j)
{
    if (i >= j)
        return j;
    /* the open trades do not change over quiet bars: unrealized_pl's sums, once */
    open_sums(b);
    const double sum_size = b->pl_size, sum_cost = b->pl_cost;
    const double *close = b->s->close, cash = b->cash;
    double *eqs = b->run->equity;
    b->ran = 1;
    for (size_t t = i; t < j; t++) {
        const double eq = cash + (close[t] * sum_size - sum_cost);
        if (eq <= 0) {
            b->i = t - 1 >= i ? t - 1 : b->i;
            return t;
        }
        eqs[t] = eq;
    }
    b->i = j - 1;
    return j;
}

int bt_broker_finalize(bt_broker *b, bt_error *err)
{
    bt_run *run = b->run;
    if (!b->broke && b->o->finalize_trades) {
        for (size_t k = b->n_open; k-- > 0;) {
            int rc = bt_broker_trade_close(b, (uint64_t)b->open[k] + 1, 1.0, err);
            if (rc)
                return rc;
        }
        if (b->ran) {
            int rc = bt_broker_next(b, b->i, err);
            if (rc < 0)
                return rc;
            /* an out-of-money outcome here is ignored (try_), but the curve is zeroed */
        }
    }
    run->n_open_at_end = b->n_open;
    /* pd.Series(equity).bfill().fillna(cash) */
    double next = NAN;
    for (size_t j = run->n_bars; j-- > 0;) {
        if (isnan(run->equity[j]))
            run->equity[j] = next;
        else
            next = run->equity[j];
    }
    for (size_t j = 0; j < run->n_bars; j++)
        if (isnan(run->equity[j]))
            run->equity[j] = b->cash;
    return BT_OK;
}

/* ------------------------------------------------------------ strategy API */

static void fmt_opt(const bt_order_req *r, unsigned bit, double v, char *buf, size_t cap)
{
    if (r->set & bit)
        frepr(v, buf, cap);
    else if (r->zero & bit)
        snprintf(buf, cap, "%s", (r->zero_int & bit) ? "0" : "0.0");
    else
        snprintf(buf, cap, "None");
}

/* Trade.close(portion) on trade table index ti */
static int trade_close(bt_broker *b, size_t ti, double portion, bt_error *err)
{
    if (!(0 < portion && portion <= 1))
        return bt_error_set(err, BT_ERR_DATA, "AssertionError: portion must be a fraction between 0 and 1");
    const br_trade *t = &b->tt[ti];
    double units = rint(fabs(t->size) * portion); /* round(): half to even */
    br_order o = {0, copysign(units > 1 ? units : 1, -t->size), NAN, NAN, NAN, NAN, (uint64_t)ti + 1};
    if (!insert_order(b, o, 1))
        return nomem(b, err);
    return BT_OK;
}

int bt_order_check(const bt_order_req *r, double last, double spread, double *signed_size, bt_error *err)
{
    double user, size, ref, lo, hi;
    bt_order_terms(r, last, spread, &user, &size, &ref, &lo, &hi);
    if (!bt_order_size_ok(user)) {
        if (isnan(user))
            return bt_error_set(err, BT_ERR_DATA, "ValueError: cannot convert float NaN to integer");
        if (isinf(user))
            return bt_error_set(err, BT_ERR_DATA, "OverflowError: cannot convert float infinity to integer");
        return bt_error_set(err, BT_ERR_DATA, "AssertionError: size must be a positive fraction of equity, "
                                              "or a positive whole number of units");
    }
    if (!(lo < ref && ref < hi)) {
        const double sl = (r->set & BT_REQ_SL) ? r->sl : NAN, tp = (r->set & BT_REQ_TP) ? r->tp : NAN;
        char a[40], m[40], c[40];
        frepr(ref, m, sizeof m);
        if (size > 0) {
            fmt_opt(r, BT_REQ_SL, sl, a, sizeof a);
            fmt_opt(r, BT_REQ_TP, tp, c, sizeof c);
            return bt_error_set(err, BT_ERR_DATA, "ValueError: Long orders require: SL (%s) < LIMIT (%s) < TP (%s)",
                                a, m, c);
        }
        fmt_opt(r, BT_REQ_TP, tp, a, sizeof a);
        fmt_opt(r, BT_REQ_SL, sl, c, sizeof c);
        return bt_error_set(err, BT_ERR_DATA, "ValueError: Short orders require: TP (%s) < LIMIT (%s) < SL (%s)", a,
                            m, c);
    }
    *signed_size = size;
    return BT_OK;
}

int bt_broker_order(bt_broker *b, const bt_order_req *r, uint64_t *order_id, bt_error *err)
{
    double size;
    int rc = bt_order_check(r, last_price(b), b->o->spread, &size, err);
    if (rc)
        return rc;
    if (b->n_orders >= BT_BROKER_MAX_ORDERS) /* backtesting.py has no bound (and slows down quadratically) */
        return bt_error_set(err, BT_ERR_DATA,
                            "RuntimeError: more than %d orders pending at once (btgpu's bound): the strategy places "
                            "orders faster than they fill or are cancelled", BT_BROKER_MAX_ORDERS);
    double limit = (r->set & BT_REQ_LIMIT) ? r->limit : NAN;
    double stop = (r->set & BT_REQ_STOP) ? r->stop : NAN;
    double sl = (r->set & BT_REQ_SL) ? r->sl : NAN;
    double tp = (r->set & BT_REQ_TP) ? r->tp : NAN;
    if (b->o->exclusive_orders) {
        /* cancel non-contingent orders while iterating the same list (every
         * order after a cancelled one is skipped), then close all trades */
        for (size_t k = 0; k < b->n_orders; k++)
            if (!is_contingent(b, &b->orders[k]))
                remove_order_at(b, k);
        for (size_t k = 0; k < b->n_open; k++) {
            rc = trade_close(b, b->open[k], 1.0, err);
            if (rc)
                return rc;
        }
    }
    br_order o = {0, size, limit, stop, sl, tp, 0};
    uint64_t id = insert_order(b, o, 0);
    if (!id)
        return nomem(b, err);
    if (order_id)
        *order_id = id;
    return BT_OK;
}

int bt_broker_trade_close(bt_broker *b, uint64_t trade_id, double portion, bt_error *err)
{
    if (!trade_of(b, trade_id))
        return bt_error_set(err, BT_ERR_USAGE, "unknown trade id %llu", (unsigned long long)trade_id);
    return trade_close(b, (size_t)trade_id - 1, portion, err);
}

int bt_broker_position_close_portion(bt_broker *b, double portion, bt_error *err)
{
    size_t n = b->n_open;
    if (!grow((void **)&b->tsnap, &b->cap_tsnap, n + 1, sizeof *b->tsnap))
        return nomem(b, err);
    for (size_t k = 0; k < n; k++)
        b->tsnap[k] = b->open[k];
    for (size_t k = 0; k < n; k++) {
        int rc = trade_close(b, b->tsnap[k], portion, err);
        if (rc)
            return rc;
    }
    return BT_OK;
}

int bt_broker_trade_set_contingent(bt_broker *b, uint64_t trade_id, int which, double price, int is_none,
                                   int is_int, bt_error *err)
{
    if (!trade_of(b, trade_id))
        return bt_error_set(err, BT_ERR_USAGE, "unknown trade id %llu", (unsigned long long)trade_id);
    return set_contingent(b, (size_t)trade_id - 1, which ? 1 : 0, price, is_none, is_int, err);
}

int bt_broker_trade_set_sl(bt_broker *b, uint64_t trade_id, double price, bt_error *err)
{
    return bt_broker_trade_set_contingent(b, trade_id, 0, price, isnan(price), 0, err);
}

int bt_broker_trade_set_tp(bt_broker *b, uint64_t trade_id, double price, bt_error *err)
{
    return bt_broker_trade_set_contingent(b, trade_id, 1, price, isnan(price), 0, err);
}

int bt_broker_order_cancel(bt_broker *b, uint64_t order_id)
{
    long k = find_order(b, order_id);
    if (k < 0)
        return BT_ERR_DATA;
    br_order o = b->orders[k];
    remove_order_at(b, (size_t)k);
    br_trade *t = o.parent ? trade_of(b, o.parent) : NULL;
    if (t && (t->sl_order == o.id || t->tp_order == o.id)) {
        int sl = t->sl_order == o.id;
        *(sl ? &t->sl_order : &t->tp_order) = 0;
        if (!t->open)
            *(sl ? &b->run->trades[t->closed_index].sl : &b->run->trades[t->closed_index].tp) = NAN;
    }
    return BT_OK;
}

/* ------------------------------------------------------------ views */

size_t bt_broker_n_trades(const bt_broker *b) { return b->n_open; }
uint64_t bt_broker_trade_id(const bt_broker *b, size_t k) { return k < b->n_open ? (uint64_t)b->open[k] + 1 : 0; }
size_t bt_broker_n_orders(const bt_broker *b) { return b->n_orders; }
uint64_t bt_broker_order_id(const bt_broker *b, size_t k) { return k < b->n_orders ? b->orders[k].id : 0; }
size_t bt_broker_n_closed_trades(const bt_broker *b) { return b->run->n_trades; }
uint64_t bt_broker_closed_trade_id(const bt_broker *b, size_t k)
{
    return k < b->run->n_trades ? b->closed_ids[k] : 0;
}

void bt_broker_trade_view_of(const bt_broker *b, uint64_t id, bt_trade_view *v)
{
    memset(v, 0, sizeof *v);
    const br_trade *t = trade_of(b, id);
    if (!t)
        return;
    v->found = 1;
    v->open = t->open;
    if (t->open) {
        double price = last_price(b);
        v->size = t->size;
        v->entry_price = t->entry_price;
        v->exit_price = NAN;
        v->entry_bar = t->entry_bar;
        v->exit_bar = SIZE_MAX;
        long q;
        v->sl = t->sl_order && (q = find_order(b, t->sl_order)) >= 0 ? b->orders[q].stop : NAN;
        v->tp = t->tp_order && (q = find_order(b, t->tp_order)) >= 0 ? b->orders[q].limit : NAN;
        v->pl = t->size * (price - t->entry_price) - 0;
        v->pl_pct = copysign(1, t->size) * (price / t->entry_price - 1) - 0 / (fabs(t->size) * t->entry_price);
        v->value = fabs(t->size) * price;
        return;
    }
    const bt_trade *c = &b->run->trades[t->closed_index];
    double price = c->exit_price != 0 ? c->exit_price : last_price(b); /* exit_price or last_price */
    v->size = c->size;
    v->entry_price = c->entry_price;
    v->exit_price = c->exit_price;
    v->entry_bar = c->entry_bar;
    v->exit_bar = c->exit_bar;
    v->sl = c->sl;
    v->tp = c->tp;
    v->pl = c->size * (price - c->entry_price) - c->commission;
    v->pl_pct = copysign(1, c->size) * (price / c->entry_price - 1) - c->commission / (fabs(c->size) * c->entry_price);
    v->value = fabs(c->size) * price;
}

void bt_broker_order_view_of(const bt_broker *b, uint64_t id, bt_order_view *v)
{
    memset(v, 0, sizeof *v);
    long k = find_order(b, id);
    if (k < 0)
        return;
    const br_order *o = &b->orders[k];
    v->found = 1;
    v->size = o->size;
    v->limit = o->limit;
    v->stop = o->stop;
    v->sl = o->sl;
    v->tp = o->tp;
    v->is_contingent = is_contingent(b, o);
    v->parent_trade = o->parent;
}

double bt_broker_equity(const bt_broker *b) { return equity(b); }
double bt_broker_cash(const bt_broker *b) { return b->cash; }
double bt_broker_margin_available(const bt_broker *b) { return margin_available(b); }
size_t bt_broker_bar(const bt_broker *b) { return b->i; }

double bt_broker_position_size(const bt_broker *b)
{
    double n = 0;
    for (size_t k = 0; k < b->n_open; k++)
        n += b->tt[b->open[k]].size;
    return n;
}

double bt_broker_position_pl(const bt_broker *b) { return unrealized_pl(b); }

double bt_broker_position_pl_pct(const bt_broker *b)
{
    double invested = 0;
    for (size_t k = 0; k < b->n_open; k++)
        invested += fabs(b->tt[b->open[k]].size) * b->tt[b->open[k]].entry_price;
    return invested != 0 ? (unrealized_pl(b) / invested) * 100 : 0;
}

/* ------------------------------------------------------------ the old void API (host/strategy.h) */

static void keep_pending(bt_broker *b, int rc, const bt_error *e)
{
    if (rc && !b->pending) {
        b->pending = rc;
        snprintf(b->pending_msg, sizeof b->pending_msg, "%s", e->msg);
    }
}

void bt_broker_buy(bt_broker *b, double size)
{
    bt_error e = {0};
    bt_order_req r = {0};
    r.size = size;
    r.side = BT_SIDE_BUY;
    keep_pending(b, bt_broker_order(b, &r, NULL, &e), &e);
}

void bt_broker_sell(bt_broker *b, double size)
{
    bt_error e = {0};
    bt_order_req r = {0};
    r.size = size;
    r.side = BT_SIDE_SELL;
    keep_pending(b, bt_broker_order(b, &r, NULL, &e), &e);
}

void bt_broker_position_close(bt_broker *b)
{
    bt_error e = {0};
    keep_pending(b, bt_broker_position_close_portion(b, 1.0, &e), &e);
}

int bt_broker_pending_error(const bt_broker *b, bt_error *err)
{
    if (!b->pending)
        return BT_OK;
    return bt_error_set(err, b->pending, "%s", b->pending_msg);
}
