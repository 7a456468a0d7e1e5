/* The broker (host/engine/broker.c): backtesting.py 0.6.6's full order model
 * on tiny hand-made OHLC series.
 *
 * Every expected number below was obtained by running the same scenario in
 * the real backtesting.py 0.6.6 (the parity virtualenv, pandas 3.1.1): a
 * Strategy whose next() makes the listed calls on the listed bars
 * (len(self.data) - 1 == bar), Backtest(df, S, finalize_trades=True, ...).run()
 * over a DataFrame with the same Open/High/Low/Close numbers and a RangeIndex,
 * reading stats._trades (Size, EntryBar, ExitBar, EntryPrice, ExitPrice, SL,
 * TP, PnL, Commission), stats._equity_curve.Equity and the exception text.
 * The values were also checked by hand against the rules in
 * shared/reference/strategies-and-orders.md section 2. */
#include "broker.h"
#include "strategy.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#define N_BARS 6
typedef struct ohlc {
    double o[N_BARS], h[N_BARS], l[N_BARS], c[N_BARS];
} ohlc;

/* bar 2: a wide bar (94-106); bar 3 gaps up to 110; bar 4 gaps down to 93 */
static const ohlc BASE = {{100, 100, 100, 110, 93, 95},
                          {101, 101, 106, 112, 96, 97},
                          {99, 99, 94, 108, 92, 94},
                          {100, 100, 102, 111, 95, 96}};
/* flat at 100, bar 4 opens 100 and trades down to 90 */
static const ohlc DIP = {{100, 100, 100, 100, 100, 95},
                         {101, 101, 101, 101, 101, 97},
                         {99, 99, 99, 99, 90, 94},
                         {100, 100, 100, 100, 95, 96}};
/* flat, bar 4 gaps down to 80 */
static const ohlc GAP = {{100, 100, 100, 100, 80, 82},
                         {101, 101, 101, 101, 85, 83},
                         {99, 99, 99, 99, 79, 81},
                         {100, 100, 100, 100, 82, 82}};
/* flat at 100, bar 2 spans 94-106 */
static const ohlc WIDE = {{100, 100, 100, 100, 100, 100},
                          {101, 101, 106, 101, 101, 101},
                          {99, 99, 94, 99, 99, 99},
                          {100, 100, 100, 100, 100, 100}};
/* the price triples on bar 3 */
static const ohlc SPIKE = {{100, 100, 100, 300, 300, 300},
                           {101, 101, 101, 301, 301, 301},
                           {99, 99, 99, 299, 299, 299},
                           {100, 100, 100, 300, 300, 300}};

typedef int (*act_fn)(bt_broker *b, size_t i, bt_error *err);

typedef struct scenario {
    bt_series s;
    int64_t time[N_BARS];
    double vol[N_BARS];
    ohlc d;
    bt_options o;
    bt_run run;
    bt_error err;
    int rc;        /* the run's status */
    size_t err_bar;
} scenario;

static void setup(scenario *sc, const ohlc *d)
{
    memset(sc, 0, sizeof *sc);
    sc->d = *d;
    for (size_t i = 0; i < N_BARS; i++) {
        sc->time[i] = (int64_t)i;
        sc->vol[i] = NAN;
    }
    sc->s.n = N_BARS;
    sc->s.time = sc->time;
    sc->s.open = sc->d.o;
    sc->s.high = sc->d.h;
    sc->s.low = sc->d.l;
    sc->s.close = sc->d.c;
    sc->s.volume = sc->vol;
    bt_options_default(&sc->o);
    sc->o.cash = 10000;
    sc->o.finalize_trades = 1;
}

/* Backtest.run() with no indicators: start = 1 */
static int run(scenario *sc, act_fn act)
{
    bt_broker *b = NULL;
    int rc = bt_broker_open(&sc->s, &sc->o, &sc->run, &b, &sc->err);
    cr_assert_eq(rc, BT_OK, "%s", sc->err.msg);
    for (size_t i = 1; i < sc->s.n && rc == BT_OK; i++) {
        rc = bt_broker_next(b, i, &sc->err);
        if (rc == 1) {
            rc = BT_OK;
            break;
        }
        if (rc == BT_OK && act)
            rc = act(b, i, &sc->err);
        sc->err_bar = i;
    }
    if (rc == BT_OK)
        rc = bt_broker_finalize(b, &sc->err);
    bt_broker_free(b);
    sc->rc = rc;
    return rc;
}

static void done(scenario *sc) { bt_run_free(&sc->run); }

static void same(double got, double want, const char *what, size_t k)
{
    if (isnan(want))
        cr_assert(isnan(got), "trade %zu %s: got %.17g, want None", k, what, got);
    else
        cr_assert(got == want, "trade %zu %s: got %.17g, want %.17g", k, what, got, want);
}

static void trade_is(const scenario *sc, size_t k, double size, size_t eb, size_t xb, double ep, double xp, double sl,
                     double tp, double pnl, double comm)
{
    cr_assert(k < sc->run.n_trades, "trade %zu exists (%zu trades)", k, sc->run.n_trades);
    const bt_trade *t = &sc->run.trades[k];
    same(t->size, size, "size", k);
    cr_assert_eq(t->entry_bar, eb, "trade %zu entry bar %zu, want %zu", k, t->entry_bar, eb);
    cr_assert_eq(t->exit_bar, xb, "trade %zu exit bar %zu, want %zu", k, t->exit_bar, xb);
    same(t->entry_price, ep, "entry price", k);
    same(t->exit_price, xp, "exit price", k);
    same(t->sl, sl, "SL", k);
    same(t->tp, tp, "TP", k);
    same(t->pnl, pnl, "PnL", k);
    same(t->commission, comm, "commission", k);
}

static void equity_is(const scenario *sc, const double *want)
{
    for (size_t i = 0; i < N_BARS; i++)
        cr_assert(sc->run.equity[i] == want[i], "equity[%zu] = %.17g, want %.17g", i, sc->run.equity[i], want[i]);
}

static void ok_run(scenario *sc, act_fn act, size_t n_trades)
{
    cr_assert_eq(run(sc, act), BT_OK, "%s", sc->err.msg);
    cr_assert_eq(sc->run.n_trades, n_trades, "%zu closed trades, want %zu", sc->run.n_trades, n_trades);
}

static void err_run(scenario *sc, act_fn act, size_t bar, const char *msg)
{
    cr_assert_eq(run(sc, act), BT_ERR_DATA, "rc %d: %s", sc->rc, sc->err.msg);
    cr_assert_str_eq(sc->err.msg, msg);
    cr_assert_eq(sc->err_bar, bar, "raised on bar %zu, want %zu", sc->err_bar, bar);
}

/* Strategy.buy / sell helpers: size plus optional prices (NaN = not given) */
static int order(bt_broker *b, int side, double size, double limit, double stop, double sl, double tp, bt_error *err)
{
    bt_order_req r = {0};
    r.side = side;
    r.size = size;
    if (!isnan(limit)) r.set |= BT_REQ_LIMIT, r.limit = limit;
    if (!isnan(stop)) r.set |= BT_REQ_STOP, r.stop = stop;
    if (!isnan(sl)) r.set |= BT_REQ_SL, r.sl = sl;
    if (!isnan(tp)) r.set |= BT_REQ_TP, r.tp = tp;
    return bt_broker_order(b, &r, NULL, err);
}
#define NONE NAN
#define BUY(size, limit, stop, sl, tp) order(b, BT_SIDE_BUY, size, limit, stop, sl, tp, err)
#define SELL(size, limit, stop, sl, tp) order(b, BT_SIDE_SELL, size, limit, stop, sl, tp, err)
#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

/* ------------------------------------------------------------ limit and stop entries */

/* bar 1: buy(size=10, limit=95); bar 3: buy(size=5, limit=97) */
static int act_limit(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, 95, NONE, NONE, NONE);
    if (i == 3) return BUY(5, 97, NONE, NONE, NONE);
    return 0;
}
Test(broker, limit_entry_fills_at_the_limit_or_the_better_open)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_limit, 2);
    trade_is(&sc, 0, 10, 2, 5, 95, 95, NONE, NONE, 0, 0);  /* bar 2 low 94 <= 95: at the limit */
    trade_is(&sc, 1, 5, 4, 5, 93, 95, NONE, NONE, 10, 0);  /* bar 4 opens 93 below 97: at the open */
    equity_is(&sc, (double[]){10000, 10000, 10070, 10160, 10010, 10010});
    done(&sc);
}

/* bar 1: buy(size=10, stop=105); bar 2: buy(size=3, stop=107) */
static int act_stop(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, 105, NONE, NONE);
    if (i == 2) return BUY(3, NONE, 107, NONE, NONE);
    return 0;
}
Test(broker, stop_entry_fills_at_the_stop_or_the_worse_open)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_stop, 2);
    trade_is(&sc, 0, 10, 2, 5, 105, 95, NONE, NONE, -100, 0); /* high 106 >= 105 */
    trade_is(&sc, 1, 3, 3, 5, 110, 95, NONE, NONE, -45, 0);   /* gap to 110 over 107 */
    equity_is(&sc, (double[]){10000, 10000, 9970, 10063, 9855, 9855});
    done(&sc);
}

/* bar 3: sell(size=4, stop=100) */
static int act_stop_short(bt_broker *b, size_t i, bt_error *err)
{
    return i == 3 ? SELL(4, NONE, 100, NONE, NONE) : 0;
}
Test(broker, short_stop_gapped_through_fills_at_the_open)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_stop_short, 1);
    trade_is(&sc, 0, -4, 4, 5, 93, 95, NONE, NONE, -8, 0);
    equity_is(&sc, (double[]){10000, 10000, 10000, 10000, 9992, 9992});
    done(&sc);
}

/* bar 1: buy(size=10, stop=105, limit=106); buy(size=2, stop=105, limit=103) */
static int act_stoplimit(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) {
        TRY(BUY(10, 106, 105, NONE, NONE));
        TRY(BUY(2, 103, 105, NONE, NONE));
    }
    return 0;
}
Test(broker, stop_limit_fills_at_the_stop_and_waits_when_the_limit_is_on_the_passed_side)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_stoplimit, 2);
    trade_is(&sc, 0, 10, 2, 5, 105, 95, NONE, NONE, -100, 0);
    /* limit 103 <= stop 105: assumed touched before the stop, so a plain limit
     * from then on; bar 3 (low 108) misses it, bar 4 opens 93 */
    trade_is(&sc, 1, 2, 4, 5, 93, 95, NONE, NONE, 4, 0);
    equity_is(&sc, (double[]){10000, 10000, 9970, 10060, 9904, 9904});
    done(&sc);
}

/* bar 1: buy(size=2, stop=105, limit=103); buy(size=1[, sl=90]) */
static int act_stoplimit_reprocess(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) {
        TRY(BUY(2, 103, 105, NONE, NONE));
        TRY(BUY(1, NONE, NONE, 90, NONE));
    }
    return 0;
}
static int act_stoplimit_plain(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) {
        TRY(BUY(2, 103, 105, NONE, NONE));
        TRY(BUY(1, NONE, NONE, NONE, NONE));
    }
    return 0;
}
Test(broker, a_market_entry_with_sl_reprocesses_the_queue_in_the_same_bar)
{
    /* the stop-limit's stop fires on bar 2 with its limit on the passed side;
     * the market entry with an SL makes the queue run again on bar 2, where
     * the order is now a plain limit 103 and fills at the open 100 */
    scenario sc;
    setup(&sc, &WIDE);
    ok_run(&sc, act_stoplimit_reprocess, 2);
    trade_is(&sc, 0, 1, 2, 5, 100, 100, 90, NONE, 0, 0);
    trade_is(&sc, 1, 2, 2, 5, 100, 100, NONE, NONE, 0, 0);
    done(&sc);
    setup(&sc, &WIDE);
    ok_run(&sc, act_stoplimit_plain, 2); /* without the SL: the limit fills on bar 3 */
    trade_is(&sc, 0, 1, 2, 5, 100, 100, NONE, NONE, 0, 0);
    trade_is(&sc, 1, 2, 3, 5, 100, 100, NONE, NONE, 0, 0);
    done(&sc);
}

/* ------------------------------------------------------------ brackets */

static int act_bracket_market(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(10, NONE, NONE, 95, 105) : 0;
}
Test(broker, market_entry_brackets_act_in_the_entry_bar_sl_first)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_bracket_market, 1);
    trade_is(&sc, 0, 10, 2, 2, 100, 95, 95, 105, -50, 0); /* bar 2 spans both: SL wins */
    equity_is(&sc, (double[]){10000, 10000, 9950, 9950, 9950, 9950});
    done(&sc);
}

static int act_bracket_limit(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(10, 98, NONE, 95, 104) : 0;
}
Test(broker, limit_entry_brackets_start_on_the_next_bar)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_bracket_limit, 1);
    /* bar 2 (94-106) would hit both; they wait; bar 3 opens 110 above the TP */
    trade_is(&sc, 0, 10, 2, 3, 98, 110, 95, 104, 120, 0);
    equity_is(&sc, (double[]){10000, 10000, 10040, 10120, 10120, 10120});
    done(&sc);
}

static int act_stop_tp_inside(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(10, NONE, 103, 90, 105) : 0;
}
static int act_stop_tp_sl_inside(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(10, NONE, 103, 95, 105) : 0;
}
Test(broker, stop_entry_with_tp_inside_and_sl_outside_the_bar_takes_profit_in_that_bar)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_stop_tp_inside, 1);
    trade_is(&sc, 0, 10, 2, 2, 103, 105, 90, 105, 20, 0);
    equity_is(&sc, (double[]){10000, 10000, 10020, 10020, 10020, 10020});
    done(&sc);
    setup(&sc, &BASE); /* SL inside as well: both wait for bar 3 (opens 110 > TP) */
    ok_run(&sc, act_stop_tp_sl_inside, 1);
    trade_is(&sc, 0, 10, 2, 3, 103, 110, 95, 105, 70, 0);
    equity_is(&sc, (double[]){10000, 10000, 9990, 10070, 10070, 10070});
    done(&sc);
}

static int act_sl_gap(bt_broker *b, size_t i, bt_error *err)
{
    return i == 2 ? BUY(10, NONE, NONE, 95, NONE) : 0;
}
Test(broker, a_gapped_stop_loss_fills_at_the_open_and_keeps_its_price)
{
    scenario sc;
    setup(&sc, &GAP);
    ok_run(&sc, act_sl_gap, 1);
    trade_is(&sc, 0, 10, 3, 4, 100, 80, 95, NONE, -200, 0);
    done(&sc);
}

/* ------------------------------------------------------------ placement errors */

static int act_invalid_long(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(10, 100, NONE, 105, 110) : 0;
}
static int act_invalid_nan(bt_broker *b, size_t i, bt_error *err)
{
    if (i != 1)
        return 0;
    bt_order_req r = {0};
    r.side = BT_SIDE_BUY;
    r.size = 10;
    r.set = BT_REQ_SL; /* sl=float('nan') is "set": NaN is truthy */
    r.sl = NAN;
    return bt_broker_order(b, &r, NULL, err);
}
static int act_invalid_short(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? SELL(10, NONE, NONE, 0.5, 101) : 0;
}
static int act_invalid_short_zero(bt_broker *b, size_t i, bt_error *err)
{
    if (i != 1)
        return 0;
    bt_order_req r = {0}; /* sell(size=10, tp=0, sl=99) */
    r.side = BT_SIDE_SELL;
    r.size = 10;
    r.set = BT_REQ_SL;
    r.sl = 99;
    r.zero = r.zero_int = BT_REQ_TP;
    return bt_broker_order(b, &r, NULL, err);
}
static int act_bad_size(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(1.5, NONE, NONE, NONE, NONE) : 0;
}
static int act_bad_sl_at_fill(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? BUY(1, NONE, NONE, -5, NONE) : 0;
}
Test(broker, invalid_brackets_raise_backtesting_py_s_value_error)
{
    scenario sc;
    setup(&sc, &BASE);
    err_run(&sc, act_invalid_long, 1, "ValueError: Long orders require: SL (105.0) < LIMIT (100.0) < TP (110.0)");
    done(&sc);
    setup(&sc, &BASE);
    err_run(&sc, act_invalid_nan, 1, "ValueError: Long orders require: SL (nan) < LIMIT (100.0) < TP (None)");
    done(&sc);
    setup(&sc, &BASE);
    err_run(&sc, act_invalid_short, 1, "ValueError: Short orders require: TP (101.0) < LIMIT (100.0) < SL (0.5)");
    done(&sc);
    setup(&sc, &BASE);
    sc.o.spread = 0.01; /* LIMIT is the close less the spread: 99.0 */
    err_run(&sc, act_invalid_short_zero, 1, "ValueError: Short orders require: TP (0) < LIMIT (99.0) < SL (99.0)");
    done(&sc);
}

Test(broker, bad_sizes_and_bracket_prices_raise_assertion_errors)
{
    scenario sc;
    setup(&sc, &BASE);
    err_run(&sc, act_bad_size, 1,
            "AssertionError: size must be a positive fraction of equity, or a positive whole number of units");
    done(&sc);
    setup(&sc, &BASE); /* sl=-5 passes the placement check; trade.sl = -5 fails when the trade opens (bar 2) */
    err_run(&sc, act_bad_sl_at_fill, 2, "AssertionError: Make sure 0 < price < inf! price: -5.0");
    done(&sc);
}

/* bar 1: 5,000 buy limits at 1 (never filled), buy(size=10, limit=95), 4,999
 * more: BT_BROKER_MAX_ORDERS pending; `extra`: then one more */
static int act_many_orders(bt_broker *b, size_t i, bt_error *err, int extra)
{
    if (i != 1)
        return 0;
    for (int k = 0; k < BT_BROKER_MAX_ORDERS; k++)
        TRY(k == 5000 ? BUY(10, 95, NONE, NONE, NONE) : BUY(1, 1, NONE, NONE, NONE));
    return extra ? BUY(1, 1, NONE, NONE, NONE) : 0;
}
static int act_many(bt_broker *b, size_t i, bt_error *err) { return act_many_orders(b, i, err, 0); }
static int act_too_many(bt_broker *b, size_t i, bt_error *err) { return act_many_orders(b, i, err, 1); }
Test(broker, a_long_queue_fills_in_place_and_more_than_the_bound_is_an_error)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_many, 1);
    trade_is(&sc, 0, 10, 2, 5, 95, 95, NONE, NONE, 0, 0); /* the one reachable limit, among 9,999 others */
    done(&sc);
    setup(&sc, &BASE);
    err_run(&sc, act_too_many, 1,
            "RuntimeError: more than 10000 orders pending at once (btgpu's bound): the strategy places orders "
            "faster than they fill or are cancelled");
    done(&sc);
}

/* ------------------------------------------------------------ closing */

static int act_partial(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) {
        TRY(BUY(5, NONE, NONE, NONE, NONE));
        TRY(BUY(7, NONE, NONE, NONE, NONE));
    }
    if (i == 2) {
        uint64_t t0 = bt_broker_trade_id(b, 0), t1 = bt_broker_trade_id(b, 1);
        TRY(bt_broker_trade_close(b, t0, 0.5, err));
        TRY(bt_broker_trade_close(b, t1, 0.5, err));
    }
    return 0;
}
Test(broker, partial_closes_round_half_to_even)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_partial, 4);
    /* close(.5) of 7 closes round(3.5) = 4, of 5 round(2.5) = 2; the later
     * close order sits in front, so the 7-unit trade goes first */
    trade_is(&sc, 0, 4, 2, 3, 100, 110, NONE, NONE, 40, 0);
    trade_is(&sc, 1, 2, 2, 3, 100, 110, NONE, NONE, 20, 0);
    trade_is(&sc, 2, 3, 2, 5, 100, 95, NONE, NONE, -15, 0);
    trade_is(&sc, 3, 3, 2, 5, 100, 95, NONE, NONE, -15, 0);
    equity_is(&sc, (double[]){10000, 10000, 10024, 10126, 10030, 10030});
    done(&sc);
}

static int act_sl_then_close(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, NONE, NONE);
    if (i == 3) {
        TRY(bt_broker_trade_set_sl(b, bt_broker_trade_id(b, 0), 95, err));
        TRY(bt_broker_position_close_portion(b, 1, err));
    }
    return 0;
}
static int act_close_then_sl(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, NONE, NONE);
    if (i == 3) {
        TRY(bt_broker_position_close_portion(b, 1, err));
        TRY(bt_broker_trade_set_sl(b, bt_broker_trade_id(b, 0), 95, err));
    }
    return 0;
}
Test(broker, statement_order_decides_between_the_close_and_the_stop)
{
    scenario sc;
    setup(&sc, &DIP); /* `trade.sl = 95; position.close()`: the close is in front: open 100 */
    ok_run(&sc, act_sl_then_close, 1);
    trade_is(&sc, 0, 10, 2, 4, 100, 100, 95, NONE, 0, 0);
    equity_is(&sc, (double[]){10000, 10000, 10000, 10000, 10000, 10000});
    done(&sc);
    setup(&sc, &DIP); /* `position.close(); trade.sl = 95`: the SL is in front: 95 */
    ok_run(&sc, act_close_then_sl, 1);
    trade_is(&sc, 0, 10, 2, 4, 100, 95, 95, NONE, -50, 0);
    equity_is(&sc, (double[]){10000, 10000, 10000, 10000, 9950, 9950});
    done(&sc);
}

static double trail_log[2][3];
static int act_trail(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, 90, 150);
    if (i == 2 || i == 3) {
        uint64_t t = bt_broker_trade_id(b, 0);
        TRY(bt_broker_trade_set_sl(b, t, i == 2 ? 92 : 93, err));
        if (i == 3)
            TRY(bt_broker_trade_set_tp(b, t, NAN, err)); /* trade.tp = None */
        bt_trade_view v;
        bt_broker_trade_view_of(b, t, &v);
        trail_log[i - 2][0] = v.sl;
        trail_log[i - 2][1] = v.tp;
        trail_log[i - 2][2] = (double)bt_broker_n_orders(b);
    }
    return 0;
}
Test(broker, moving_the_stop_replaces_the_sl_order)
{
    scenario sc;
    setup(&sc, &DIP);
    ok_run(&sc, act_trail, 1);
    /* backtesting.py logged (92.0, 150.0, 2) on bar 2 and (93.0, None, 1) on bar 3 */
    cr_assert(trail_log[0][0] == 92 && trail_log[0][1] == 150 && trail_log[0][2] == 2);
    cr_assert(trail_log[1][0] == 93 && isnan(trail_log[1][1]) && trail_log[1][2] == 1);
    trade_is(&sc, 0, 10, 2, 4, 100, 93, 93, NONE, -70, 0);
    done(&sc);
}

/* ------------------------------------------------------------ netting, hedging, exclusive */

static int act_net(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, NONE, NONE);
    if (i == 2) return SELL(4, NONE, NONE, NONE, NONE);
    return 0;
}
Test(broker, netting_reduces_the_oldest_trade_and_hedging_keeps_both)
{
    scenario sc;
    setup(&sc, &BASE);
    ok_run(&sc, act_net, 2);
    trade_is(&sc, 0, 4, 2, 3, 100, 110, NONE, NONE, 40, 0);
    trade_is(&sc, 1, 6, 2, 5, 100, 95, NONE, NONE, -30, 0);
    equity_is(&sc, (double[]){10000, 10000, 10020, 10106, 10010, 10010});
    done(&sc);
    setup(&sc, &BASE);
    sc.o.hedging = 1;
    ok_run(&sc, act_net, 2);
    trade_is(&sc, 0, 10, 2, 5, 100, 95, NONE, NONE, -50, 0);
    trade_is(&sc, 1, -4, 3, 5, 110, 95, NONE, NONE, 60, 0);
    equity_is(&sc, (double[]){10000, 10000, 10020, 10106, 10010, 10010});
    done(&sc);
}

static double excl_limits[4];
static size_t excl_n;
static int act_exclusive(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, NONE, NONE);
    if (i == 2) {
        TRY(BUY(1, 50, NONE, NONE, NONE));
        TRY(BUY(1, 51, NONE, NONE, NONE));
        TRY(BUY(1, 52, NONE, NONE, NONE));
        TRY(SELL(3, NONE, NONE, NONE, NONE));
    }
    if (i == 3) {
        excl_n = bt_broker_n_orders(b);
        for (size_t k = 0; k < excl_n && k < 4; k++) {
            bt_order_view v;
            bt_broker_order_view_of(b, bt_broker_order_id(b, k), &v);
            excl_limits[k] = v.limit;
        }
    }
    return 0;
}
Test(broker, exclusive_orders_cancel_with_the_skip_quirk_and_close_trades)
{
    scenario sc;
    setup(&sc, &BASE);
    sc.o.exclusive_orders = 1;
    ok_run(&sc, act_exclusive, 2);
    trade_is(&sc, 0, 10, 2, 3, 100, 110, NONE, NONE, 100, 0);
    trade_is(&sc, 1, -3, 3, 5, 110, 95, NONE, NONE, 45, 0);
    equity_is(&sc, (double[]){10000, 10000, 10020, 10097, 10145, 10145});
    /* backtesting.py: [o.limit for o in self.orders] == [50.0] on bar 3 */
    cr_assert_eq(excl_n, 1);
    cr_assert(excl_limits[0] == 50);
    done(&sc);
}

/* ------------------------------------------------------------ trade_on_close */

static int act_toc(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, NONE, NONE);
    if (i == 2) return BUY(5, NONE, 108, NONE, NONE);
    if (i == 3) return bt_broker_position_close_portion(b, 1, err);
    return 0;
}
Test(broker, trade_on_close_fills_market_orders_at_the_signal_close_and_stops_at_an_untraded_price)
{
    scenario sc;
    setup(&sc, &BASE);
    sc.o.trade_on_close = 1;
    ok_run(&sc, act_toc, 2);
    /* the stop 108 is crossed by bar 3's gap to 110: base Close[2] = 102, so
     * the fill is max(102, 108) = 108 (issue #1370); the close order placed on
     * bar 3 fills at Close[3] = 111 stamped bar 3 and goes first (front) */
    trade_is(&sc, 0, 5, 3, 3, 108, 111, NONE, NONE, 15, 0);
    trade_is(&sc, 1, 10, 1, 3, 100, 111, NONE, NONE, 110, 0);
    equity_is(&sc, (double[]){10000, 10000, 10020, 10125, 10125, 10125});
    done(&sc);
}

/* ------------------------------------------------------------ money */

static int act_full(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(BT_FULL_SIZE, NONE, NONE, NONE, NONE);
    if (i == 3) return bt_broker_position_close_portion(b, 1, err);
    return 0;
}
Test(broker, fixed_and_relative_commissions)
{
    scenario sc;
    setup(&sc, &BASE);
    sc.o.cash = 1000;
    sc.o.fixed_commission = 3; /* commission=(3, 0) */
    ok_run(&sc, act_full, 1);
    trade_is(&sc, 0, 9, 2, 4, 100, 93, NONE, NONE, -69, 6);
    equity_is(&sc, (double[]){1000, 1000, 1015, 1096, 931, 931});
    done(&sc);
    setup(&sc, &BASE);
    sc.o.cash = 1000;
    sc.o.commission = 0.01;
    ok_run(&sc, act_full, 1);
    trade_is(&sc, 0, 9, 2, 4, 100, 93, NONE, NONE, -80.37, 17.37);
    equity_is(&sc, (double[]){1000, 1000, 1009, 1090, 919.63, 919.63});
    done(&sc);
}

static int act_spread(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return SELL(0.5, NONE, NONE, NONE, NONE);
    if (i == 3) return bt_broker_position_close_portion(b, 1, err);
    return 0;
}
Test(broker, spread_adjusts_the_entry_price)
{
    scenario sc;
    setup(&sc, &BASE);
    sc.o.cash = 1000;
    sc.o.spread = 0.002;
    ok_run(&sc, act_spread, 1);
    trade_is(&sc, 0, -5, 2, 4, 99.8, 93, NONE, NONE, 33.999999999999986, 0);
    equity_is(&sc, (double[]){1000, 1000, 989, 944, 1034, 1034});
    done(&sc);
}

static double margin_log[7];
static int act_margin(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(BT_FULL_SIZE, NONE, NONE, NONE, NONE);
    if (i == 2) {
        bt_trade_view v;
        bt_broker_trade_view_of(b, bt_broker_trade_id(b, 0), &v);
        double l[7] = {bt_broker_equity(b), bt_broker_position_size(b), bt_broker_position_pl(b),
                       bt_broker_position_pl_pct(b), v.pl, v.pl_pct, v.value};
        memcpy(margin_log, l, sizeof l);
    }
    return 0;
}
Test(broker, margin_sizes_fractions_from_leveraged_margin)
{
    scenario sc;
    setup(&sc, &BASE);
    sc.o.cash = 1000;
    sc.o.margin = 0.25;
    ok_run(&sc, act_margin, 1);
    /* 1000 * 4 * (1 - eps) // 100 = 39 units */
    trade_is(&sc, 0, 39, 2, 5, 100, 95, NONE, NONE, -195, 0);
    equity_is(&sc, (double[]){1000, 1000, 1078, 1429, 805, 805});
    /* backtesting.py on bar 2: equity, position.size/.pl/.pl_pct, trade.pl/.pl_pct/.value */
    double want[7] = {1078.0, 39, 78.0, 2.0, 78.0, 0.020000000000000018, 3978};
    for (int k = 0; k < 7; k++)
        cr_assert(margin_log[k] == want[k], "value %d: %.17g, want %.17g", k, margin_log[k], want[k]);
    done(&sc);
}

static int act_oom(bt_broker *b, size_t i, bt_error *err)
{
    return i == 1 ? SELL(0.5, NONE, NONE, NONE, NONE) : 0;
}
Test(broker, out_of_money_closes_at_the_close_and_zeroes_the_curve)
{
    scenario sc;
    setup(&sc, &SPIKE);
    sc.o.cash = 1000;
    sc.o.margin = 0.5;
    sc.o.finalize_trades = 0;
    ok_run(&sc, act_oom, 1);
    trade_is(&sc, 0, -10, 2, 3, 100, 300, NONE, NONE, -2000, 0);
    equity_is(&sc, (double[]){1000, 1000, 1000, 0, 0, 0});
    cr_assert_eq(sc.run.out_of_money, 1);
    done(&sc);
}

/* ------------------------------------------------------------ cancelling, assertions */

static bt_order_view cancel_views[2];
static bt_trade_view cancel_trade;
static size_t cancel_n;
static int act_cancel_sl(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return BUY(10, NONE, NONE, 95, 110);
    if (i == 2) {
        for (size_t k = 0; k < 2; k++)
            bt_broker_order_view_of(b, bt_broker_order_id(b, k), &cancel_views[k]);
        TRY(bt_broker_order_cancel(b, bt_broker_order_id(b, 0)));
        bt_broker_trade_view_of(b, bt_broker_trade_id(b, 0), &cancel_trade);
        cancel_n = bt_broker_n_orders(b);
    }
    return 0;
}
Test(broker, cancelling_the_sl_order_detaches_it_from_the_trade)
{
    scenario sc;
    setup(&sc, &DIP);
    ok_run(&sc, act_cancel_sl, 1);
    /* backtesting.py on bar 2: [(o.stop, o.limit, o.is_contingent)] ==
     * [(95.0, None, True), (None, 110.0, True)]; after orders[0].cancel():
     * (trade.sl, trade.tp, len(orders)) == (None, 110.0, 1) */
    cr_assert(cancel_views[0].found && cancel_views[0].stop == 95 && isnan(cancel_views[0].limit) &&
              cancel_views[0].is_contingent);
    cr_assert(cancel_views[1].found && isnan(cancel_views[1].stop) && cancel_views[1].limit == 110 &&
              cancel_views[1].is_contingent);
    cr_assert(cancel_trade.found && cancel_trade.open && isnan(cancel_trade.sl) && cancel_trade.tp == 110);
    cr_assert_eq(cancel_n, 1);
    /* bar 4's dip to 90 no longer stops it out; finalize closes at bar 5's open */
    trade_is(&sc, 0, 10, 2, 5, 100, 95, NONE, 110, -50, 0);
    equity_is(&sc, (double[]){10000, 10000, 10000, 10000, 9950, 9950});
    done(&sc);
}

static int act_bad_portion(bt_broker *b, size_t i, bt_error *err)
{
    if (i == 1) return bt_broker_position_close_portion(b, 2, err); /* no trades: no assertion */
    if (i == 2) return BUY(3, NONE, NONE, NONE, NONE);
    if (i == 3) return bt_broker_trade_close(b, bt_broker_trade_id(b, 0), 0, err);
    return 0;
}
Test(broker, close_portions_are_asserted_only_on_a_trade)
{
    scenario sc;
    setup(&sc, &DIP);
    err_run(&sc, act_bad_portion, 3, "AssertionError: portion must be a fraction between 0 and 1");
    done(&sc);
}
