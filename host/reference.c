/* The reference engine: backtesting.py 0.6.6's broker, one combination at a
 * time, in plain scalar double arithmetic with Python's order of operations.
 * It is the oracle every fast backend is tested against, so it favours being
 * obviously faithful over being fast: orders and trades live in small arrays
 * handled exactly like backtesting.py's Python lists (including the places
 * where it removes items from a list while iterating over it). */
#include "numeric.h"
#include "strategy.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A queued order (backtesting.py's Order). Only market orders are issued by
 * the built-in strategies so far; limit/stop/sl/tp are carried so contingent
 * orders slot in without changing the queue logic. */
typedef struct ref_order {
    uint64_t id;
    double size;       /* signed: a fraction in (-1, 1) or whole units */
    uint64_t parent;   /* trade closed by this order (Trade.close()); 0: none */
    int contingent;    /* 1 for SL/TP orders attached to a trade */
} ref_order;

/* An open trade (backtesting.py's Trade). */
typedef struct ref_trade {
    uint64_t id;
    double size;        /* signed whole units */
    double entry_price; /* spread-adjusted */
    size_t entry_bar;
} ref_trade;

struct bt_broker {
    const bt_series *s;
    const bt_options *o;
    double lev;         /* 1 / margin */
    double cash;
    size_t i;           /* bar being processed */
    ref_order *orders;  /* the queue, front first */
    size_t n_orders, cap_orders;
    ref_trade *trades;  /* open trades, oldest first */
    size_t n_trades, cap_trades;
    uint64_t next_id;
    bt_run *run;        /* closed trades are appended here */
    int nomem;          /* an allocation failed inside the bar loop */
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

static long find_order(const bt_broker *b, uint64_t id)
{
    for (size_t k = 0; k < b->n_orders; k++)
        if (b->orders[k].id == id)
            return (long)k;
    return -1;
}

static long find_trade(const bt_broker *b, uint64_t id)
{
    for (size_t k = 0; k < b->n_trades; k++)
        if (b->trades[k].id == id)
            return (long)k;
    return -1;
}

static void remove_order_at(bt_broker *b, size_t k)
{
    memmove(&b->orders[k], &b->orders[k + 1], (b->n_orders - k - 1) * sizeof *b->orders);
    b->n_orders--;
}

static void remove_trade_at(bt_broker *b, size_t k)
{
    memmove(&b->trades[k], &b->trades[k + 1], (b->n_trades - k - 1) * sizeof *b->trades);
    b->n_trades--;
}

static void insert_order(bt_broker *b, ref_order o, int front)
{
    if (!grow((void **)&b->orders, &b->cap_orders, b->n_orders + 1, sizeof *b->orders)) {
        b->nomem = 1;
        return;
    }
    o.id = ++b->next_id;
    if (front) {
        memmove(&b->orders[1], &b->orders[0], b->n_orders * sizeof *b->orders);
        b->orders[0] = o;
    } else {
        b->orders[b->n_orders] = o;
    }
    b->n_orders++;
}

/* ------------------------------------------------------------ money */

/* backtesting.py's commission: fixed + |size| * price * relative, evaluated
 * left to right. */
static double commission(const bt_broker *b, double size, double price)
{
    return b->o->fixed_commission + (fabs(size) * price) * b->o->commission;
}

/* Broker.equity (0.6.6): cash + (C[i] * sum(size) - sum(size * entry)), both
 * sums sequential. */
static double equity(const bt_broker *b)
{
    double sum_size = 0, sum_cost = 0;
    for (size_t k = 0; k < b->n_trades; k++) {
        sum_size += b->trades[k].size;
        sum_cost += b->trades[k].size * b->trades[k].entry_price;
    }
    return b->cash + (b->s->close[b->i] * sum_size - sum_cost);
}

/* Broker.margin_available: max(0, equity - sum(|size| * C[i] / leverage)). */
static double margin_available(const bt_broker *b)
{
    double used = 0;
    for (size_t k = 0; k < b->n_trades; k++)
        used += (fabs(b->trades[k].size) * b->s->close[b->i]) / b->lev;
    double avail = equity(b) - used;
    return avail > 0 ? avail : 0; /* Python's max(0, x): 0 also for NaN */
}

/* ------------------------------------------------------------ trades */

/* Broker._close_trade for trade t (already detached from the open list). */
static void record_close(bt_broker *b, ref_trade t, double price, size_t time_index)
{
    double exit_comm = commission(b, t.size, price);
    double pl = t.size * (price - t.entry_price) - 0.0; /* Trade.pl before commissions are stored */
    b->cash += pl - exit_comm;
    if (!grow((void **)&b->run->trades, &b->run->cap_trades, b->run->n_trades + 1, sizeof *b->run->trades)) {
        b->nomem = 1;
        return;
    }
    bt_trade *c = &b->run->trades[b->run->n_trades++];
    c->size = t.size;
    c->entry_bar = t.entry_bar;
    c->exit_bar = time_index;
    c->entry_price = t.entry_price;
    c->exit_price = price;
    c->sl = NAN;
    c->tp = NAN;
    c->commission = exit_comm + commission(b, t.size, t.entry_price);
    c->pnl = t.size * (price - t.entry_price) - c->commission;
    c->return_pct = copysign(1.0, t.size) * (price / t.entry_price - 1) - c->commission / (fabs(t.size) * t.entry_price);
}

static void close_trade_at(bt_broker *b, size_t k, double price, size_t time_index)
{
    ref_trade t = b->trades[k];
    remove_trade_at(b, k);
    record_close(b, t, price, time_index);
}

/* Broker._reduce_trade: size has the opposite sign of the trade and
 * |size| <= |trade size|. A partial close closes a copy of the closed part. */
static void reduce_trade_at(bt_broker *b, size_t k, double price, double size, size_t time_index)
{
    double left = b->trades[k].size + size;
    if (left == 0) {
        close_trade_at(b, k, price, time_index);
        return;
    }
    b->trades[k].size = left;
    ref_trade part = b->trades[k];
    part.size = -size;
    record_close(b, part, price, time_index);
}

static void open_trade(bt_broker *b, double price, double size, size_t time_index)
{
    if (!grow((void **)&b->trades, &b->cap_trades, b->n_trades + 1, sizeof *b->trades)) {
        b->nomem = 1;
        return;
    }
    ref_trade t = {++b->next_id, size, price, time_index};
    b->trades[b->n_trades++] = t;
    b->cash -= commission(b, size, price);
}

/* ------------------------------------------------------------ orders */

/* Broker._process_orders on bar i, for market orders: the queue is walked
 * over a snapshot; orders removed meanwhile are skipped. */
static void process_orders(bt_broker *b, uint64_t *snapshot, uint64_t *trade_ids)
{
    const bt_options *o = b->o;
    const size_t i = b->i;
    size_t n_snap = b->n_orders;
    for (size_t k = 0; k < n_snap; k++)
        snapshot[k] = b->orders[k].id;

    for (size_t k = 0; k < n_snap; k++) {
        long at = find_order(b, snapshot[k]);
        if (at < 0)
            continue;
        ref_order ord = b->orders[at];
        int on_close = o->trade_on_close && !ord.contingent;
        double price = on_close ? b->s->close[i - 1] : b->s->open[i];
        size_t time_index = on_close ? i - 1 : i;

        if (ord.parent) { /* a Trade.close() order */
            long t = find_trade(b, ord.parent);
            if (t >= 0) {
                double size = copysign(fmin(fabs(b->trades[t].size), fabs(ord.size)), ord.size);
                reduce_trade_at(b, (size_t)t, price, size, time_index);
            }
            remove_order_at(b, (size_t)find_order(b, ord.id));
            continue;
        }

        double adjusted = price * (1 + copysign(o->spread, ord.size));
        double adjusted_plus_comm = adjusted + commission(b, ord.size, price) / fabs(ord.size);
        double size = ord.size;
        if (-1 < size && size < 1) {
            double units = 0;
            if (adjusted_plus_comm > 0 && isfinite(adjusted_plus_comm))
                units = trunc(bt_py_floordiv(margin_available(b) * b->lev * fabs(size), adjusted_plus_comm));
            size = copysign(units, size);
            if (size == 0) { /* insufficient margin: the order is cancelled */
                remove_order_at(b, (size_t)at);
                continue;
            }
        }
        double need = size;
        if (!o->hedging) { /* FIFO-close opposite trades first, at the raw price */
            size_t n_open = b->n_trades;
            for (size_t q = 0; q < n_open; q++)
                trade_ids[q] = b->trades[q].id;
            for (size_t q = 0; q < n_open && need != 0; q++) {
                long t = find_trade(b, trade_ids[q]);
                if (t < 0 || (b->trades[t].size > 0) == (ord.size > 0))
                    continue;
                double tsize = b->trades[t].size;
                if (fabs(need) >= fabs(tsize)) {
                    close_trade_at(b, (size_t)t, price, time_index);
                    need += tsize;
                } else {
                    reduce_trade_at(b, (size_t)t, price, need, time_index);
                    need = 0;
                }
            }
        }
        at = find_order(b, ord.id);
        if (fabs(need) * adjusted_plus_comm > margin_available(b) * b->lev) {
            remove_order_at(b, (size_t)at);
            continue;
        }
        if (need != 0)
            open_trade(b, adjusted, need, time_index);
        remove_order_at(b, (size_t)at);
    }
}

/* ------------------------------------------------------------ strategy API */

/* Trade.close(): an opposite market order for max(1, round(|size|)) units at
 * the front of the queue (Python's round is half-to-even: rint). */
static void close_trade_order(bt_broker *b, const ref_trade *t)
{
    double units = rint(fabs(t->size));
    ref_order o = {0, copysign(units > 1 ? units : 1, -t->size), t->id, 0};
    insert_order(b, o, 1);
}

void bt_broker_position_close(bt_broker *b)
{
    for (size_t k = 0; k < b->n_trades; k++)
        close_trade_order(b, &b->trades[k]);
}


/* Broker.new_order for a plain market order. */
static void new_order(bt_broker *b, double size)
{
    if (b->o->exclusive_orders) {
        /* backtesting.py cancels while iterating the same list, so every
         * other order is skipped; reproduced on purpose */
        for (size_t k = 0; k < b->n_orders; k++)
            if (!b->orders[k].contingent)
                remove_order_at(b, k);
        for (size_t k = 0; k < b->n_trades; k++)
            close_trade_order(b, &b->trades[k]);
    }
    ref_order o = {0, size, 0, 0};
    insert_order(b, o, 0);
}

void bt_broker_buy(bt_broker *b, double size) { new_order(b, size); }
void bt_broker_sell(bt_broker *b, double size) { new_order(b, -size); }

/* ------------------------------------------------------------ the run */

/* Broker.next() minus the strategy: orders, equity, out-of-money check.
 * Returns 1 when the account ran out of money. */
static int broker_step(bt_broker *b, uint64_t *snapshot, uint64_t *trade_ids)
{
    process_orders(b, snapshot, trade_ids);
    double eq = equity(b);
    b->run->equity[b->i] = eq;
    if (!(eq <= 0)) /* backtesting.py's `if equity <= 0`: a NaN equity is not a wipe-out */
        return 0;
    /* close everything at C[i]; backtesting.py removes from the list it
     * iterates, so every other trade stays open: reproduced on purpose */
    for (size_t k = 0; k < b->n_trades; k++)
        close_trade_at(b, k, b->s->close[b->i], b->i);
    b->cash = 0;
    for (size_t j = b->i; j < b->run->n_bars; j++)
        b->run->equity[j] = 0;
    return 1;
}

void bt_run_free(bt_run *r)
{
    if (!r)
        return;
    free(r->equity);
    free(r->trades);
    memset(r, 0, sizeof *r);
}

int bt_run_reference(const bt_series *s, const bt_strategy_info *st, const double *params,
                     const bt_options *o, bt_run *out, bt_error *err)
{
    int rc = BT_OK;
    void *state = NULL;
    uint64_t *scratch = NULL;
    bt_broker b = {0};
    const bt_strategy_impl *impl = bt_strategy_impl_of(st);

    memset(out, 0, sizeof *out);
    if (!impl)
        return bt_error_set(err, BT_ERR_USAGE, "unknown strategy");
    if (s->n == 0)
        return bt_error_set(err, BT_ERR_DATA, "the series has no bars");
    rc = bt_strategy_check_params(st, params, err);
    if (rc)
        return rc;

    out->n_bars = s->n;
    out->equity = malloc(s->n * sizeof(double));
    if (!out->equity) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "out of memory for the equity curve (%zu bars)", s->n);
        goto done;
    }
    for (size_t i = 0; i < s->n; i++)
        out->equity[i] = NAN;

    size_t warmup = 0;
    rc = impl->init(s, params, &state, &warmup, err);
    if (rc)
        goto done;
    out->warmup = warmup;
    out->start = warmup + 1;

    b.s = s;
    b.o = o;
    b.lev = 1 / o->margin;
    b.cash = o->cash;
    b.run = out;

    size_t cap_scratch = 0;
    int broke = 0;
    for (size_t i = out->start; i < s->n && !broke; i++) {
        b.i = i;
        size_t need = b.n_orders + b.n_trades + 1; /* trades may open while orders run */
        if (!grow((void **)&scratch, &cap_scratch, 2 * need, sizeof *scratch)) {
            b.nomem = 1;
            break;
        }
        if (broker_step(&b, scratch, scratch + need)) {
            out->out_of_money = broke = 1;
            break;
        }
        impl->next(state, &b, i);
        if (b.nomem)
            break;
    }
    if (!broke && !b.nomem && o->finalize_trades) {
        for (size_t k = b.n_trades; k-- > 0;)
            close_trade_order(&b, &b.trades[k]);
        if (out->start < s->n) {
            b.i = s->n - 1;
            size_t need = b.n_orders + b.n_trades + 1;
            if (grow((void **)&scratch, &cap_scratch, 2 * need, sizeof *scratch))
                out->out_of_money = broker_step(&b, scratch, scratch + need);
            else
                b.nomem = 1;
        }
    }
    if (b.nomem) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "out of memory in the reference engine");
        goto done;
    }
    out->n_open_at_end = b.n_trades;

    /* leading bars take the first recorded equity; none recorded: final cash */
    size_t first = 0;
    while (first < s->n && out->equity[first] != out->equity[first])
        first++;
    double fill = first < s->n ? out->equity[first] : b.cash;
    for (size_t i = 0; i < first; i++)
        out->equity[i] = fill;

done:
    if (impl && state)
        impl->free(state);
    free(scratch);
    free(b.orders);
    free(b.trades);
    if (rc)
        bt_run_free(out);
    return rc;
}
