/* The reference engine on small hand-computed cases. sma_cross(1, 2) trades on
 * every turn of the close: SMA(1) is the close itself and SMA(2) the mean of
 * the last two closes, so a buy signal fires on bar i when C[i-1] < C[i-2]
 * and C[i] > C[i-1] (down, then up) and a sell signal on up-then-down. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"
#include "indicators.h"

static bt_series make_series(const double *open, const double *close, size_t n)
{
    bt_series s = {0};
    s.n = n;
    s.time = calloc(n, sizeof *s.time);
    s.open = calloc(n, sizeof(double));
    s.high = calloc(n, sizeof(double));
    s.low = calloc(n, sizeof(double));
    s.close = calloc(n, sizeof(double));
    s.volume = calloc(n, sizeof(double));
    s.is_datetime = 1;
    for (size_t i = 0; i < n; i++) {
        s.time[i] = 946857600 + (int64_t)i * 86400; /* 2000-01-03 onwards */
        s.open[i] = open[i];
        s.close[i] = close[i];
        s.high[i] = fmax(open[i], close[i]);
        s.low[i] = fmin(open[i], close[i]);
        s.volume[i] = NAN;
    }
    return s;
}

static bt_run run_sma(const bt_series *s, double n1, double n2, const bt_options *o)
{
    bt_run r = {0};
    bt_error err = {0};
    double params[2] = {n1, n2};
    int rc = bt_run_reference(s, bt_strategy_find("sma_cross"), params, o, &r, &err);
    cr_assert_eq(rc, BT_OK, "bt_run_reference failed: %s", err.msg);
    return r;
}

static const double up_open[] = {10, 9.5, 9.5, 10.5, 11.5};
static const double up_close[] = {10, 9, 10, 11, 12};

Test(engine, buy_signal_fills_at_next_open_with_floor_division_sizing)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.warmup, 1);
    cr_assert_eq(r.start, 2);
    cr_assert_eq(r.n_trades, 0, "the only trade is still open");
    cr_assert_eq(r.n_open_at_end, 1);
    /* 952 units = floor(10000 * (1 - eps) / 10.5), entered at O[3] */
    cr_assert_eq(r.equity[0], 10000.0);
    cr_assert_eq(r.equity[2], 10000.0);
    cr_assert_eq(r.equity[3], 10000.0 + (11.0 * 952 - 952 * 10.5));
    cr_assert_eq(r.equity[4], 11428.0);
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, finalize_trades_closes_at_the_last_open)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.finalize_trades = 1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    cr_assert_eq(r.n_open_at_end, 0);
    const bt_trade *t = &r.trades[0];
    cr_assert_eq(t->size, 952);
    cr_assert_eq(t->entry_bar, 3);
    cr_assert_eq(t->exit_bar, 4);
    cr_assert_eq(t->entry_price, 10.5);
    cr_assert_eq(t->exit_price, 11.5);
    cr_assert_eq(t->pnl, 952.0);
    cr_assert_eq(t->commission, 0.0);
    cr_assert_eq(r.equity[4], 10952.0, "equity[n-1] is overwritten after the closes");
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, commission_is_charged_on_entry_and_exit_and_shrinks_the_size)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.01;
    o.finalize_trades = 1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    const bt_trade *t = &r.trades[0];
    cr_assert_eq(t->size, 942, "floor(9999.999999999998 / 10.605) = 942, got %g", t->size);
    double entry_comm = 942 * 10.5 * 0.01, exit_comm = 942 * 11.5 * 0.01;
    cr_assert_float_eq(t->commission, entry_comm + exit_comm, 1e-9);
    cr_assert_float_eq(t->pnl, 942.0 - (entry_comm + exit_comm), 1e-9);
    cr_assert_float_eq(r.equity[4], 10000 - entry_comm + 942.0 - exit_comm, 1e-9);
    cr_assert_float_eq(t->return_pct, (11.5 / 10.5 - 1) - t->commission / (942 * 10.5), 1e-15);
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, spread_raises_a_long_entry_price)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.spread = 0.01;
    o.finalize_trades = 1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    cr_assert_eq(r.trades[0].entry_price, 10.5 * 1.01);
    cr_assert_eq(r.trades[0].exit_price, 11.5, "exits pay no spread");
    cr_assert_eq(r.trades[0].size, 942, "floor(9999.999999999998 / 10.605) = 942");
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, trade_on_close_fills_at_the_signal_bar_close)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.trade_on_close = 1;
    o.finalize_trades = 1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    const bt_trade *t = &r.trades[0];
    cr_assert_eq(t->entry_bar, 2, "entry recorded on the signal bar");
    cr_assert_eq(t->entry_price, 10.0);
    cr_assert_eq(t->size, 999, "floor(9999.999999999998 / 10) = 999");
    cr_assert_eq(t->exit_bar, 3, "finalize closes at C[n-2] with trade_on_close");
    cr_assert_eq(t->exit_price, 11.0);
    cr_assert_eq(r.equity[2], 10000.0, "the fill shows up only in the next bar's equity");
    bt_run_free(&r);
    bt_series_free(&s);
}

/* up then down: a sell signal on bar 2, short entry at O[3] = 10 */
static const double down_open[] = {10, 10.5, 10.5, 10, 12};
static const double down_close[] = {10, 11, 10, 12, 13};

Test(engine, leveraged_short_runs_out_of_money_and_stops)
{
    bt_series s = make_series(down_open, down_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.out_of_money, 1);
    cr_assert_eq(r.n_trades, 1, "the open trade is closed at C[i] when equity <= 0");
    const bt_trade *t = &r.trades[0];
    cr_assert_eq(t->size, -9999, "floor(10000 * 10 * (1 - eps) / 10) = 9999");
    cr_assert_eq(t->exit_bar, 3);
    cr_assert_eq(t->exit_price, 12.0);
    cr_assert_eq(t->pnl, -19998.0);
    cr_assert_eq(r.equity[3], 0.0);
    cr_assert_eq(r.equity[4], 0.0, "equity stays 0 after running out of money");
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, margin_multiplies_the_size)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    o.margin = 0.5;
    o.finalize_trades = 1;
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    cr_assert_eq(r.trades[0].size, 1904, "floor(20000 * (1 - eps) / 10.5) = 1904");
    cr_assert_eq(r.equity[4], 10000.0 + 1904.0);
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, reversal_closes_then_opens_the_other_way)
{
    /* down-up (buy on bar 2), then up-down (sell on bar 4) */
    static const double open[] = {10, 9.5, 9.5, 10.5, 11.5, 10.5, 10};
    static const double close[] = {10, 9, 10, 11, 10.5, 10, 9};
    bt_series s = make_series(open, close, 7);
    bt_options o;
    bt_options_default(&o);
    bt_run r = run_sma(&s, 1, 2, &o);
    cr_assert_eq(r.n_trades, 1);
    cr_assert_eq(r.n_open_at_end, 1, "the short opened on bar 5 stays open");
    const bt_trade *t = &r.trades[0];
    cr_assert_eq(t->size, 952);
    cr_assert_eq(t->entry_bar, 3);
    cr_assert_eq(t->exit_bar, 5);
    cr_assert_eq(t->exit_price, 10.5);
    cr_assert_eq(t->pnl, 0.0);
    /* flat again at 10000 cash: short floor(9999.999999999998 / 10.5) = 952 at 10.5 */
    cr_assert_eq(r.equity[6], 10000.0 + (9.0 * -952 - (-952 * 10.5)));
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, lookback_longer_than_the_series_never_trades)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    bt_run r = run_sma(&s, 2, 50, &o);
    cr_assert_eq(r.warmup, 1, "an all-NaN indicator counts 0 warm-up bars");
    cr_assert_eq(r.n_trades, 0);
    cr_assert_eq(r.n_open_at_end, 0);
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(r.equity[i], 10000.0);
    bt_run_free(&r);
    bt_series_free(&s);
}

Test(engine, invalid_window_is_a_usage_error)
{
    bt_series s = make_series(up_open, up_close, 5);
    bt_options o;
    bt_options_default(&o);
    bt_run r = {0};
    bt_error err = {0};
    double params[2] = {2.5, 10};
    int rc = bt_run_reference(&s, bt_strategy_find("sma_cross"), params, &o, &r, &err);
    cr_assert_eq(rc, BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "n1=2.5") != NULL, "message: %s", err.msg);
    bt_series_free(&s);
}

Test(indicators, sma_matches_pandas_compensated_sum_and_warmup)
{
    const double x[] = {1, 2, 3, 4, 5, 6};
    double out[6];
    bt_sma_pandas(x, 6, 3, out);
    cr_assert(isnan(out[0]) && isnan(out[1]));
    cr_assert_eq(out[2], 2.0);
    cr_assert_eq(out[5], 5.0);
    cr_assert_eq(bt_first_valid(out, 6), 2);
    /* pandas keeps a running sum: 0.1 + 0.2 then - 0.1 + 0.3 ... differs from naive sums */
    const double y[] = {0.1, 0.2, 0.3, 0.4};
    double m[4];
    bt_sma_pandas(y, 4, 2, m);
    cr_assert_eq(m[1], (0.1 + 0.2) / 2);
    /* same repeated value: pandas returns the value itself */
    const double z[] = {0.1, 0.1, 0.1, 0.1};
    bt_sma_pandas(z, 4, 3, m);
    cr_assert_eq(m[3], 0.1);
    double all_nan[3];
    bt_sma_pandas(x, 3, 5, all_nan);
    cr_assert(isnan(all_nan[0]) && isnan(all_nan[2]));
    cr_assert_eq(bt_first_valid(all_nan, 3), 0);
}
