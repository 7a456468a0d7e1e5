/*
 * broker.h - backtesting.py 0.6.6's _Broker, Order, Trade and Position with
 * the full order model, one combination at a time, in plain scalar double
 * arithmetic with Python's order of operations (the oracle).
 *
 * Life cycle (what Backtest.run does):
 *
 *   bt_broker_open(s, o, run, &b, err);      run->equity allocated (NaN) here
 *   for (i = start; i < s->n; i++) {         start >= 1 (backtesting.py: 1 + warmup)
 *       rc = bt_broker_next(b, i, err);      orders on bar i's OHLC, equity[i]
 *       if (rc < 0) error; if (rc == 1) break;   (1: out of money, run stops)
 *       strategy next(): bt_broker_order(), bt_broker_trade_close(), ...
 *       (any call returning < 0 aborts the run with that error)
 *   }
 *   bt_broker_finalize(b, err);              ALWAYS call once after the loop
 *   bt_broker_free(b);
 *
 * Errors raised the way Python raises them are BT_ERR_DATA with the Python
 * exception text and nothing else, e.g.
 *   "ValueError: Long orders require: SL (95.0) < LIMIT (100.0) < TP (110.0)"
 *   "AssertionError: size must be a positive fraction of equity, or a positive whole number of units"
 *   "AssertionError: portion must be a fraction between 0 and 1"
 *   "AssertionError: Make sure 0 < price < inf! price: -5.0"
 * (floats formatted as Python's repr). The caller prefixes bar and date.
 * BT_ERR_NOMEM for allocation failures.
 *
 * Ids: every order and trade gets a unique non-zero uint64 id. Trade ids stay
 * valid after the trade closes (bt_broker_trade_view_of reports it closed).
 * The order/trade lists change while orders are processed and when the
 * strategy calls the API: to iterate `for trade in self.trades:` take a
 * snapshot of the ids first (Python iterates over a tuple snapshot too).
 */
#ifndef BTGPU_BROKER_H
#define BTGPU_BROKER_H

#include "btgpu.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bt_broker bt_broker;

/* bt_order_req.set / .zero bits */
enum {
    BT_REQ_LIMIT = 1u << 0,
    BT_REQ_STOP = 1u << 1,
    BT_REQ_SL = 1u << 2,
    BT_REQ_TP = 1u << 3
};

/* bt_order_req.side */
enum {
    BT_SIDE_SIGNED = 0, /* size is signed: > 0 is buy(size=size), < 0 is sell(size=-size) */
    BT_SIDE_BUY = 1,    /* Strategy.buy(size=size): size exactly as the strategy passed it */
    BT_SIDE_SELL = 2    /* Strategy.sell(size=size): size exactly as the strategy passed it
                           (so sell(size=-1) can fail with buy/sell's AssertionError) */
};

/* One Strategy.buy()/sell() call. Start from a zeroed struct.
 * limit/stop/sl/tp are read only where their bit in `set` is 1: the value was
 * given and is truthy in Python (backtesting.py's `x and float(x)`): None, 0
 * and False are NOT set; NaN IS set (and then fails the placement check with
 * a ValueError, as in backtesting.py). The caller converts None/0 -> not set.
 * `zero`: bits for values given as a falsy number (0 or 0.0) rather than
 * None; only used to print them in the ValueError text ("SL (0)" when the bit
 * is also in `zero_int`, "SL (0.0)" otherwise, "SL (None)" when neither set
 * nor zero). Leave both 0 when you only have None. */
typedef struct bt_order_req {
    double size;
    double limit, stop, sl, tp;
    unsigned set;
    unsigned zero, zero_int;
    int side;          /* BT_SIDE_*; default (0) BT_SIDE_SIGNED */
} bt_order_req;

/* Strategy.buy()/sell()'s checks (Broker.new_order's, before it queues the
 * order) at last price `last` with relative spread `spread`: the size (a
 * fraction of equity or whole units) and SL < limit/stop/adjusted price < TP
 * (the other way round for a short). BT_OK with the signed size in
 * *signed_size, or BT_ERR_DATA with Python's error text. */
int bt_order_check(const bt_order_req *r, double last, double spread, double *signed_size, bt_error *err);

/* The terms of bt_order_check's test: the size as the user gave it, the
 * signed size, the reference price (limit, else stop, else the last price
 * adjusted by the spread) and the SL/TP bounds it must lie strictly between. */
static inline void bt_order_terms(const bt_order_req *r, double last, double spread, double *user, double *size,
                                  double *ref, double *lo, double *hi)
{
    double sign;
    if (r->side == BT_SIDE_BUY || r->side == BT_SIDE_SELL) {
        *user = r->size;
        sign = r->side == BT_SIDE_BUY ? 1 : -1;
    } else {
        *user = fabs(r->size);
        sign = r->size > 0 ? 1 : -1;
    }
    *size = sign * *user;
    *ref = (r->set & BT_REQ_LIMIT) ? r->limit : (r->set & BT_REQ_STOP) ? r->stop : last * (1 + copysign(spread, *size));
    const unsigned below = *size > 0 ? BT_REQ_SL : BT_REQ_TP, above = *size > 0 ? BT_REQ_TP : BT_REQ_SL;
    *lo = (r->set & below) ? (below == BT_REQ_SL ? r->sl : r->tp) : -INFINITY;
    *hi = (r->set & above) ? (above == BT_REQ_SL ? r->sl : r->tp) : INFINITY;
}

/* assert 0 < size < 1 or round(size) == size >= 1 */
static inline int bt_order_size_ok(double user)
{
    return (0 < user && user < 1) || (isfinite(user) && rint(user) == user && user >= 1);
}

/* bt_order_check's test without its error text: 1 and the signed size when
 * the order passes, 0 when it raises (bt_order_check says what). Inline, for
 * the vector executor's order lanes. */
static inline int bt_order_passes(const bt_order_req *r, double last, double spread, double *signed_size)
{
    double user, size, ref, lo, hi;
    bt_order_terms(r, last, spread, &user, &size, &ref, &lo, &hi);
    if (!bt_order_size_ok(user) || !(lo < ref && ref < hi))
        return 0;
    *signed_size = size;
    return 1;
}

/* Creates a broker for series s with options o (validated by the caller).
 * run: zeroed by the caller (or holding nothing to keep); the broker
 * allocates run->equity (s->n values, NaN), sets run->n_bars and appends
 * closed trades to run->trades. run->warmup/start are the caller's. */
int bt_broker_open(const bt_series *s, const bt_options *o, bt_run *run, bt_broker **out, bt_error *err);
void bt_broker_free(bt_broker *b); /* NULL ok; run stays with the caller */

/* Broker.next() on bar i (1 <= i < s->n, increasing): processes the queue on
 * bar i's OHLC, records equity[i]; when equity <= 0 closes trades at Close[i]
 * (Python's remove-while-iterating skip included), cash = 0, equity[i:] = 0
 * and returns 1 (the run stops; do not call the strategy). 0: go on, call the
 * strategy's next() for bar i. < 0: an error (BT_ERR_DATA with Python's
 * text, e.g. the AssertionError of a bracket with sl <= 0 at fill time). */
int bt_broker_next(bt_broker *b, size_t i, bt_error *err);

/* Quiet bars (the vector executor's schedule). bt_broker_next_active: the
 * first bar in [i, j) on which bt_broker_next could change anything but the
 * equity (a market order in the queue: i; a stop whose High/Low reaches it;
 * a limit order whose Low/High reaches it), or j. bt_broker_skip: what
 * bt_broker_next does on bars [i, j) that bt_broker_next_active found quiet
 * (equity[t], the current bar), up to the first bar whose equity is 0 or
 * less, which it returns unprocessed for bt_broker_next; j when none. */
size_t bt_broker_next_active(const bt_broker *b, size_t i, size_t j);
size_t bt_broker_skip(bt_broker *b, size_t i, size_t j);

/* After the loop, always exactly once: when o->finalize_trades and the run
 * did not run out of money, closes every open trade (trade.close() in
 * reversed order) and runs Broker.next() once more on the last processed bar
 * (its out-of-money outcome is ignored, as try_() does). Then sets
 * run->n_open_at_end and fills the equity curve as
 * pd.Series(equity).bfill().fillna(cash). Also fine when no bar was run. */
int bt_broker_finalize(bt_broker *b, bt_error *err);

/* ---- Strategy API, called from next() at bar i (after bt_broker_next(b, i)) */

/* Strategy.buy/sell(size=, limit=, stop=, sl=, tp=) -> Broker.new_order:
 * size assertion (AssertionError), ValueError for NaN/inf sizes as round()
 * raises them, SL/TP placement check against `limit or stop or
 * Close[i]*(1 +- spread)` (ValueError "Long orders require: SL (..) < LIMIT
 * (..) < TP (..)" / "Short orders require: TP (..) < LIMIT (..) < SL (..)"),
 * exclusive_orders (cancels non-contingent orders with Python's skip quirk,
 * then trade.close() for every open trade), appended to the queue.
 * order_id (may be NULL) receives the new order's id. A queue already
 * holding BT_BROKER_MAX_ORDERS orders refuses it (BT_ERR_DATA, "RuntimeError:
 * more than ... orders pending at once"): a strategy that places orders
 * faster than they fill would otherwise run for hours or out of memory
 * (backtesting.py has no bound). */
#define BT_BROKER_MAX_ORDERS 10000
int bt_broker_order(bt_broker *b, const bt_order_req *r, uint64_t *order_id, bt_error *err);

/* Trade.close(portion): AssertionError unless 0 < portion <= 1; inserts a
 * close order for copysign(max(1, round_half_even(|size|*portion)), -size) at
 * the queue front. Works on a closed trade too (the order then does nothing
 * when processed), as in Python. BT_ERR_USAGE for an unknown id. */
int bt_broker_trade_close(bt_broker *b, uint64_t trade_id, double portion, bt_error *err);
/* Position.close(portion): Trade.close(portion) for every open trade, oldest
 * first (each at the front, so the queue gets them newest first). No open
 * trade: nothing, not even the portion assertion (as in Python). */
int bt_broker_position_close_portion(bt_broker *b, double portion, bt_error *err);

/* trade.sl = price / trade.tp = price (NaN = None: cancels). Asserts
 * 0 < price < inf ("AssertionError: Make sure 0 < price < inf! price: -5.0"),
 * cancels the existing SL (TP) order, places a new contingent stop (limit)
 * order: SL at the queue front, TP appended. */
int bt_broker_trade_set_sl(bt_broker *b, uint64_t trade_id, double price, bt_error *err);
int bt_broker_trade_set_tp(bt_broker *b, uint64_t trade_id, double price, bt_error *err);
/* The same with Python-exact inputs: which 0 = sl, 1 = tp; is_none: the value
 * None (cancel only); otherwise price with is_int telling whether the Python
 * value was an int (for the assertion text: "price: 0" vs "price: 0.0").
 * NaN here is float('nan') and fails the assertion. */
int bt_broker_trade_set_contingent(bt_broker *b, uint64_t trade_id, int which, double price, int is_none,
                                   int is_int, bt_error *err);

/* Order.cancel(): removes it from the queue (a contingent order also
 * detaches from its trade: trade.sl/tp become None). BT_OK, or BT_ERR_DATA
 * when the order is not in the queue (Python: "ValueError: list.remove(x):
 * x not in list"). */
int bt_broker_order_cancel(bt_broker *b, uint64_t order_id);

/* self.trades (open trades, oldest first) and self.orders (queue order). */
size_t bt_broker_n_trades(const bt_broker *b);
uint64_t bt_broker_trade_id(const bt_broker *b, size_t k);
size_t bt_broker_n_orders(const bt_broker *b);
uint64_t bt_broker_order_id(const bt_broker *b, size_t k);
/* self.closed_trades: count and the k-th one's id (0 for the closed part of a
 * partial close, which Python creates as a new Trade object). */
size_t bt_broker_n_closed_trades(const bt_broker *b);
uint64_t bt_broker_closed_trade_id(const bt_broker *b, size_t k);

/* Trade properties. found = 0 for an unknown id. For an open trade exit_price
 * is NaN, exit_bar SIZE_MAX, pl/pl_pct/value at the current bar's close as
 * backtesting.py (commissions 0 while open); sl/tp NaN when None. A trade
 * that was partially closed keeps its id and shows the remaining size; when
 * it closes fully its closed record is shown (open = 0). */
typedef struct bt_trade_view {
    int found, open;
    double size, entry_price, exit_price, sl, tp, pl, pl_pct, value;
    size_t entry_bar, exit_bar;
} bt_trade_view;
/* Order properties: limit/stop/sl/tp NaN when None (a triggered stop is None,
 * as Order.stop). is_contingent: an SL/TP order of its trade. parent_trade:
 * the trade of an SL/TP/Trade.close() order, else 0. */
typedef struct bt_order_view {
    int found;
    double size, limit, stop, sl, tp;
    int is_contingent;
    uint64_t parent_trade;
} bt_order_view;
void bt_broker_trade_view_of(const bt_broker *b, uint64_t id, bt_trade_view *v);
void bt_broker_order_view_of(const bt_broker *b, uint64_t id, bt_order_view *v);

double bt_broker_equity(const bt_broker *b);           /* Strategy.equity */
double bt_broker_cash(const bt_broker *b);             /* _Broker._cash */
double bt_broker_margin_available(const bt_broker *b); /* _Broker.margin_available */
double bt_broker_position_size(const bt_broker *b);    /* Position.size */
double bt_broker_position_pl(const bt_broker *b);      /* Position.pl */
double bt_broker_position_pl_pct(const bt_broker *b);  /* Position.pl_pct (0 without trades) */
size_t bt_broker_bar(const bt_broker *b);              /* the bar last passed to bt_broker_next */

/* The first error recorded by the void wrappers of host/strategy.h
 * (bt_broker_buy/sell/position_close): BT_OK when none, else its status with
 * the message copied into err. */
int bt_broker_pending_error(const bt_broker *b, bt_error *err);

#endif /* BTGPU_BROKER_H */
