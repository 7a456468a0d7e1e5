/* Compiled strategies: the checker's messages, parameters, and runs of the
 * reference interpreter against the native sma_cross and against numbers
 * from the real backtesting.py 0.6.6. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include "btgpu.h"
#include "compiled.h"

static int compile_src(const char *src, const char *cls, bt_compiled **c, bt_error *err)
{
    return bt_strategy_compile("s.py", src, strlen(src), cls, c, err);
}

/* compiles src and expects a usage error with exactly msg */
static void expect_error(const char *src, const char *msg)
{
    bt_compiled *c = NULL;
    bt_error err = {0};
    int rc = compile_src(src, NULL, &c, &err);
    cr_expect_eq(rc, BT_ERR_USAGE, "status %d for:\n%s\nmessage: %s", rc, src, err.msg);
    cr_expect_str_eq(err.msg, msg, "for:\n%s", src);
    cr_expect_null(c);
    bt_compiled_free(c);
}

#define HEAD "from backtesting import Strategy, Backtest\nfrom backtesting.lib import crossover\n" \
             "from backtesting.test import SMA\nimport pandas as pd\nimport numpy as np\nimport talib\n"

/* runs src's class with its defaults (types: the defaults') on s */
static int run_src(const char *src, const bt_series *s, const bt_options *o, bt_run *run, bt_error *err)
{
    bt_compiled *c = NULL;
    int rc = compile_src(src, NULL, &c, err);
    if (rc)
        return rc;
    double p[BT_MAX_STRATEGY_PARAMS];
    int t[BT_MAX_STRATEGY_PARAMS];
    for (size_t k = 0; k < bt_compiled_n_params(c); k++) {
        p[k] = bt_compiled_param_default(c, k);
        t[k] = bt_compiled_param_type(c, k);
    }
    rc = bt_compiled_run(c, s, p, t, o, run, err);
    bt_compiled_free(c);
    return rc;
}

/* ------------------------------------------------------------ compile errors */

Test(compile, unsupported_data_attribute)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def next(self):\n"
                      "        x = self.data.df\n",
                 "s.py:11:13: 'self.data.df' is not supported in a compiled strategy; supported: self.data.Open, "
                 "High, Low, Close, Volume");
}

Test(compile, unknown_name)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def next(self):\n"
                      "        if foo > 1:\n            self.buy()\n",
                 "s.py:11:12: NameError: name 'foo' is not defined");
}

Test(compile, while_loop)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def next(self):\n"
                      "        while True:\n            pass\n",
                 "s.py:11:9: 'while True:\n            pass' is not supported in a compiled strategy; supported: "
                 "assignments to locals and self attributes, if/elif/else, for trade in self.trades, for order in "
                 "self.orders, return, pass, self.buy(...), self.sell(...), self.position.close(), trade.close(), "
                 "order.cancel(), super().init(), super().next()");
}

Test(compile, other_method_call)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def next(self):\n"
                      "        print(self.equity)\n",
                 "s.py:11:9: 'print(self.equity)' is not supported in a compiled strategy; supported: assignments "
                 "to locals and self attributes, if/elif/else, for trade in self.trades, for order in self.orders, "
                 "return, pass, self.buy(...), self.sell(...), self.position.close(), trade.close(), "
                 "order.cancel(), super().init(), super().next()");
}

Test(compile, slices)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def next(self):\n"
                      "        x = self.data.Close[-3:]\n",
                 "s.py:11:13: 'self.data.Close[-3:]' is not supported in a compiled strategy; supported: indexing "
                 "with one integer (x[-1], x[-2]); no slices");
}

Test(compile, resample_apply)
{
    expect_error("from backtesting import Strategy\nfrom backtesting.lib import resample_apply\nfrom "
                 "backtesting.test import SMA\nclass S(Strategy):\n    def init(self):\n"
                 "        self.w = resample_apply('W-FRI', SMA, self.data.Close, 10)\n    def next(self):\n        pass\n",
                 "s.py:6:18: 'resample_apply' is not supported in a compiled strategy yet");
}

Test(compile, signal_strategy)
{
    expect_error("from backtesting.lib import SignalStrategy\nclass S(SignalStrategy):\n    def init(self):\n"
                 "        pass\n",
                 "s.py:2:1: 'SignalStrategy' is not supported in a compiled strategy yet; supported: Strategy and "
                 "TrailingStrategy subclasses");
}

Test(compile, list_state)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        self.hist = []\n    def next(self):\n"
                      "        pass\n",
                 "s.py:9:21: '[]' is not supported in a compiled strategy; supported: numbers, parameters, "
                 "self.data.Open/High/Low/Close/Volume, self.I(...), SMA, talib functions, helper functions, "
                 "pd.Series(x) and its rolling/ewm/diff/shift/pct_change/abs/clip/bfill/ffill/fillna/values/"
                 "to_numpy, np.maximum, np.minimum, np.abs, np.where, arithmetic and comparisons");
}

Test(compile, skipped_module_used)
{
    expect_error("import math\nfrom backtesting import Strategy\nclass S(Strategy):\n    def init(self):\n"
                 "        pass\n    def next(self):\n        x = math.sqrt(2)\n",
                 "s.py:7:13: 'math.sqrt' is not supported in a compiled strategy; supported: names imported from "
                 "backtesting, backtesting.lib, backtesting.test, pandas, numpy and talib (module 'math' cannot be "
                 "used)");
}

Test(compile, non_literal_parameter)
{
    expect_error(HEAD "class S(Strategy):\n    name = 'x'\n    def init(self):\n        pass\n",
                 "s.py:8:5: 'name = 'x'' is not supported in a compiled strategy; supported: parameters with int, "
                 "float or bool literal defaults");
}

Test(compile, helper_method)
{
    expect_error(HEAD "class S(Strategy):\n    def init(self):\n        pass\n    def helper(self):\n        pass\n",
                 "s.py:10:5: 'def helper(self):\n        pass' is not supported in a compiled strategy; supported: "
                 "methods init(self) and next(self) (helpers go at module level)");
}

Test(compile, syntax_error_has_position)
{
    bt_compiled *c = NULL;
    bt_error err = {0};
    const char *src = "from backtesting import Strategy\nclass S(Strategy:\n    pass\n";
    cr_expect_eq(compile_src(src, NULL, &c, &err), BT_ERR_USAGE);
    cr_expect(strncmp(err.msg, "s.py:2:", 7) == 0, "%s", err.msg);
}

Test(compile, several_classes)
{
    const char *src = HEAD "class A(Strategy):\n    def init(self):\n        pass\n    def next(self):\n        pass\n"
                           "class B(Strategy):\n    def init(self):\n        pass\n    def next(self):\n        pass\n";
    bt_compiled *c = NULL;
    bt_error err = {0};
    cr_expect_eq(compile_src(src, NULL, &c, &err), BT_ERR_USAGE);
    cr_expect_str_eq(err.msg, "s.py: the file defines several Strategy subclasses (A, B); pick one with s.py:CLASS");
    cr_expect_eq(compile_src(src, "B", &c, &err), BT_OK, "%s", err.msg);
    cr_expect_str_eq(bt_compiled_name(c), "B");
    bt_compiled_free(c);
    cr_expect_eq(compile_src(src, "C", &c, &err), BT_ERR_USAGE);
    cr_expect_str_eq(err.msg, "s.py: no Strategy subclass named 'C' (the file defines: A, B)");
}

Test(compile, module_level_code_is_skipped)
{
    const char *src = HEAD "import sys\nN = 7\nclass S(Strategy):\n    n = N\n    def init(self):\n        pass\n"
                           "    def next(self):\n        pass\n"
                           "if __name__ == '__main__':\n    bt = Backtest(None, S)\n    print(bt.run())\n"
                           "bt = Backtest(sys.argv, S)\nbt.optimize(n=range(2, 5))\n";
    bt_compiled *c = NULL;
    bt_error err = {0};
    cr_assert_eq(compile_src(src, NULL, &c, &err), BT_OK, "%s", err.msg);
    cr_expect_eq(bt_compiled_n_params(c), 1);
    cr_expect_eq(bt_compiled_param_default(c, 0), 7);
    bt_compiled_free(c);
}

/* ------------------------------------------------------------ parameters */

Test(params, types_and_defaults)
{
    const char *src = HEAD "class S(Strategy):\n    a = 10\n    b = 2.5\n    c = True\n    d = -3\n    e = -0.25\n"
                           "    f: int = 4\n    def init(self):\n        pass\n    def next(self):\n        pass\n";
    bt_compiled *c = NULL;
    bt_error err = {0};
    cr_assert_eq(compile_src(src, NULL, &c, &err), BT_OK, "%s", err.msg);
    cr_assert_eq(bt_compiled_n_params(c), 6);
    const char *names[] = {"a", "b", "c", "d", "e", "f"};
    double defs[] = {10, 2.5, 1, -3, -0.25, 4};
    int types[] = {BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_BOOL, BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_INT};
    for (size_t k = 0; k < 6; k++) {
        cr_expect_str_eq(bt_compiled_param_name(c, k), names[k]);
        cr_expect_eq(bt_compiled_param_default(c, k), defs[k]);
        cr_expect_eq(bt_compiled_param_type(c, k), types[k]);
    }
    bt_compiled_free(c);
}

Test(params, subclass_overrides_base_default)
{
    const char *src = HEAD "class Base(Strategy):\n    n1 = 10\n    n2 = 20\n    def init(self):\n"
                           "        self.sma = self.I(SMA, self.data.Close, self.n1)\n    def next(self):\n        pass\n"
                           "class Child(Base):\n    n2 = 30\n    k = 1.5\n";
    bt_compiled *c = NULL;
    bt_error err = {0};
    cr_assert_eq(compile_src(src, "Child", &c, &err), BT_OK, "%s", err.msg);
    cr_assert_eq(bt_compiled_n_params(c), 3);
    cr_expect_str_eq(bt_compiled_param_name(c, 1), "n2");
    cr_expect_eq(bt_compiled_param_default(c, 1), 30);
    cr_expect_str_eq(bt_compiled_param_name(c, 2), "k");
    bt_compiled_free(c);
}

/* ------------------------------------------------------------ runs */

static void expect_same_run(const bt_run *a, const bt_run *b)
{
    cr_assert_eq(a->n_bars, b->n_bars);
    cr_expect_eq(a->warmup, b->warmup);
    cr_expect_eq(a->start, b->start);
    cr_expect_eq(a->n_open_at_end, b->n_open_at_end);
    cr_expect_eq(a->out_of_money, b->out_of_money);
    for (size_t i = 0; i < a->n_bars; i++)
        cr_assert(memcmp(&a->equity[i], &b->equity[i], sizeof(double)) == 0, "equity[%zu]: %.17g vs %.17g", i,
                  a->equity[i], b->equity[i]);
    cr_assert_eq(a->n_trades, b->n_trades);
    for (size_t k = 0; k < a->n_trades; k++) {
        const bt_trade *x = &a->trades[k], *y = &b->trades[k];
        cr_expect_eq(x->size, y->size);
        cr_expect_eq(x->entry_bar, y->entry_bar);
        cr_expect_eq(x->exit_bar, y->exit_bar);
        cr_expect_eq(x->entry_price, y->entry_price);
        cr_expect_eq(x->exit_price, y->exit_price);
        cr_expect_eq(x->pnl, y->pnl);
    }
}

static const char *SMA_CROSS =
    "from backtesting import Strategy\nfrom backtesting.lib import crossover\nfrom backtesting.test import SMA\n\n"
    "class SmaCross(Strategy):\n    n1 = 10\n    n2 = 20\n\n    def init(self):\n        close = self.data.Close\n"
    "        self.sma1 = self.I(SMA, close, self.n1)\n        self.sma2 = self.I(SMA, close, self.n2)\n\n"
    "    def next(self):\n        if crossover(self.sma1, self.sma2):\n            self.position.close()\n"
    "            self.buy()\n        elif crossover(self.sma2, self.sma1):\n            self.position.close()\n"
    "            self.sell()\n";

Test(run, sma_cross_equals_native)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(600, 7, &s, &err), BT_OK);
    bt_compiled *c = NULL;
    cr_assert_eq(compile_src(SMA_CROSS, NULL, &c, &err), BT_OK, "%s", err.msg);
    const bt_strategy_info *native = bt_strategy_find("sma_cross");
    cr_assert_not_null(native);
    double combos[][2] = {{10, 20}, {5, 30}, {3, 7}, {20, 50}, {15, 16}};
    int settings[][3] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 1}};
    for (size_t q = 0; q < 3; q++)
        for (size_t k = 0; k < sizeof combos / sizeof combos[0]; k++) {
            bt_options o;
            bt_options_default(&o);
            o.trade_on_close = settings[q][0];
            o.exclusive_orders = settings[q][1];
            o.finalize_trades = settings[q][2];
            o.commission = q == 2 ? 0.002 : 0;
            bt_run a = {0}, b = {0};
            int types[2] = {BT_PTYPE_INT, BT_PTYPE_INT};
            cr_assert_eq(bt_compiled_run(c, &s, combos[k], types, &o, &a, &err), BT_OK, "%s", err.msg);
            cr_assert_eq(bt_run_reference(&s, native, combos[k], &o, &b, &err), BT_OK, "%s", err.msg);
            cr_expect_gt(a.n_trades, 0);
            expect_same_run(&a, &b);
            bt_run_free(&a);
            bt_run_free(&b);
        }
    bt_compiled_free(c);
    bt_series_free(&s);
}

Test(run, float_window_fails_like_pandas)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(100, 7, &s, &err), BT_OK);
    bt_compiled *c = NULL;
    cr_assert_eq(compile_src(SMA_CROSS, NULL, &c, &err), BT_OK, "%s", err.msg);
    bt_options o;
    bt_options_default(&o);
    bt_run a = {0};
    double p[2] = {2.5, 20};
    int t[2] = {BT_PTYPE_FLOAT, BT_PTYPE_INT};
    cr_expect_eq(bt_compiled_run(c, &s, p, t, &o, &a, &err), BT_ERR_DATA);
    cr_expect_str_eq(err.msg, "init(): ValueError: window must be an integer 0 or greater");
    bt_compiled_free(c);
    bt_series_free(&s);
}

Test(run, index_error_names_the_bar)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(50, 3, &s, &err), BT_OK);
    bt_options o;
    bt_options_default(&o);
    bt_run a = {0};
    const char *src = HEAD "class S(Strategy):\n    k = 5\n    def init(self):\n        pass\n    def next(self):\n"
                           "        if self.data.Close[-self.k] > 0:\n            pass\n";
    cr_expect_eq(run_src(src, &s, &o, &a, &err), BT_ERR_DATA);
    char want[200], t[32];
    bt_format_time(s.time[1], t, sizeof t);
    t[10] = '\0';
    snprintf(want, sizeof want, "bar 1 (%s): IndexError: index -5 is out of bounds for axis 0 with size 2", t);
    cr_expect_str_eq(err.msg, want);
    bt_series_free(&s);
}

Test(run, zero_division_of_python_numbers)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(30, 3, &s, &err), BT_OK);
    bt_options o;
    bt_options_default(&o);
    bt_run a = {0};
    /* numpy floats divide by zero to inf (no error); Python numbers raise */
    const char *ok = HEAD "class S(Strategy):\n    z = 0\n    def init(self):\n        pass\n    def next(self):\n"
                          "        x = self.data.Close[-1] / self.z\n        if x > 1e308:\n            self.count = 1\n";
    cr_expect_eq(run_src(ok, &s, &o, &a, &err), BT_OK, "%s", err.msg);
    bt_run_free(&a);
    const char *bad = HEAD "class S(Strategy):\n    z = 0\n    def init(self):\n        pass\n    def next(self):\n"
                           "        x = 1 / self.z\n";
    cr_expect_eq(run_src(bad, &s, &o, &a, &err), BT_ERR_DATA);
    cr_expect(strstr(err.msg, "): ZeroDivisionError: division by zero") != NULL, "%s", err.msg);
    bt_series_free(&s);
}
static const char *SRC_SLTP =
    "from backtesting import Strategy\n"
    "from backtesting.lib import crossover\n"
    "from backtesting.test import SMA\n"
    "\n"
    "\n"
    "class SmaSlTp(Strategy):\n"
    "    n1 = 5\n"
    "    n2 = 15\n"
    "    sl_pct = 0.02\n"
    "    tp_pct = 0.04\n"
    "\n"
    "    def init(self):\n"
    "        self.sma1 = self.I(SMA, self.data.Close, self.n1)\n"
    "        self.sma2 = self.I(SMA, self.data.Close, self.n2)\n"
    "\n"
    "    def next(self):\n"
    "        price = self.data.Close[-1]\n"
    "        if crossover(self.sma1, self.sma2):\n"
    "            self.position.close()\n"
    "            self.buy(sl=price * (1 - self.sl_pct), tp=price * (1 + self.tp_pct))\n"
    "        elif crossover(self.sma2, self.sma1):\n"
    "            self.position.close()\n"
    "            self.sell(size=0.5, sl=price * (1 + self.sl_pct), tp=price * (1 - self.tp_pct))\n"
    "\n";

static const char *SRC_LIMIT =
    "from backtesting import Strategy\n"
    "import pandas as pd\n"
    "\n"
    "\n"
    "def ema(x, n):\n"
    "    return pd.Series(x).ewm(span=n, adjust=False).mean()\n"
    "\n"
    "\n"
    "class LimitDip(Strategy):\n"
    "    n = 10\n"
    "    dip = 0.01\n"
    "    hold = 5\n"
    "\n"
    "    def init(self):\n"
    "        self.ema = self.I(ema, self.data.Close, self.n)\n"
    "        self.vol = self.I(lambda c: pd.Series(c).rolling(10).std(), self.data.Close)\n"
    "\n"
    "    def next(self):\n"
    "        for order in self.orders:\n"
    "            if not order.is_contingent:\n"
    "                order.cancel()\n"
    "        for trade in self.trades:\n"
    "            if len(self.data) - 1 - trade.entry_bar >= self.hold:\n"
    "                trade.close()\n"
    "        if not self.position and self.data.Close[-1] > self.ema[-1]:\n"
    "            self.buy(limit=self.data.Close[-1] * (1 - self.dip), tp=self.data.Close[-1] * 1.03)\n"
    "\n";

static const char *SRC_TRAILING =
    "from backtesting.lib import TrailingStrategy, crossover\n"
    "from backtesting.test import SMA\n"
    "\n"
    "\n"
    "class Trail(TrailingStrategy):\n"
    "    n1 = 8\n"
    "    n2 = 21\n"
    "    atr_n = 2.5\n"
    "\n"
    "    def init(self):\n"
    "        super().init()\n"
    "        self.set_atr_periods(20)\n"
    "        self.set_trailing_sl(self.atr_n)\n"
    "        self.sma1 = self.I(SMA, self.data.Close, self.n1)\n"
    "        self.sma2 = self.I(SMA, self.data.Close, self.n2)\n"
    "\n"
    "    def next(self):\n"
    "        super().next()\n"
    "        if crossover(self.sma1, self.sma2) and not self.position:\n"
    "            self.buy()\n"
    "        elif crossover(self.sma2, self.sma1) and not self.position:\n"
    "            self.sell()\n"
    "\n";

static const char *SRC_RSI =
    "from backtesting import Strategy\n"
    "from backtesting.lib import crossover\n"
    "import talib\n"
    "\n"
    "\n"
    "class RsiOscillator(Strategy):\n"
    "    rsi_window = 14\n"
    "    lower_bound = 35\n"
    "    upper_bound = 65\n"
    "\n"
    "    def init(self):\n"
    "        self.rsi = self.I(talib.RSI, self.data.Close, self.rsi_window)\n"
    "\n"
    "    def next(self):\n"
    "        if crossover(self.rsi, self.upper_bound):\n"
    "            self.position.close()\n"
    "        elif crossover(self.lower_bound, self.rsi):\n"
    "            self.buy()\n"
    "\n";

static const char *SRC_MISC =
    "from backtesting import Strategy\n"
    "from backtesting.lib import crossover, barssince\n"
    "import numpy as np\n"
    "import pandas as pd\n"
    "import talib\n"
    "\n"
    "LOOK = 3\n"
    "\n"
    "\n"
    "def band(close, n, k):\n"
    "    s = pd.Series(close)\n"
    "    mid = s.rolling(n).mean()\n"
    "    sd = s.rolling(n).std(ddof=0)\n"
    "    return mid + k * sd, mid, mid - k * sd\n"
    "\n"
    "\n"
    "class Misc(Strategy):\n"
    "    n = 20\n"
    "    k = 2.0\n"
    "    frac = 0.3\n"
    "\n"
    "    def init(self):\n"
    "        self.up, self.mid, self.lo = self.I(band, self.data.Close, self.n, self.k)\n"
    "        self.macd, self.sig, _ = self.I(talib.MACD, self.data.Close, 12, 26, 9)\n"
    "        self.rng = self.I(lambda: np.maximum(self.data.High - self.data.Low, 0.5))\n"
    "        self.count = 0\n"
    "\n"
    "    def next(self):\n"
    "        self.count += 1\n"
    "        c = self.data.Close\n"
    "        if self.position.is_long and (c[-1] > self.up[-1] or barssince(c < self.mid) > LOOK * 2):\n"
    "            self.position.close(0.5)\n"
    "        elif not self.position and crossover(self.macd - self.sig, 0) and c[-1] < self.mid:\n"
    "            self.buy(size=self.frac, sl=c[-1] - 3 * self.rng[-1])\n"
    "        elif self.position.is_short and self.position.pl_pct < -2:\n"
    "            self.position.close()\n"
    "        elif not self.position and crossover(self.sig, self.macd) and self.count % 2 == 0:\n"
    "            self.sell(size=10, tp=max(c[-1] - 4 * self.rng[-1], 1.0))\n"
    "        if len(self.trades) > 0 and self.trades[-1].pl > 150 and self.trades[-1].tp is None:\n"
    "            self.trades[-1].tp = c[-1] * 1.05 if self.trades[-1].is_long else c[-1] * 0.95\n"
    "\n";

static const char *SRC_MISC2 =
    "from backtesting import Strategy\n"
    "from backtesting.lib import cross, crossover\n"
    "from backtesting.test import SMA\n"
    "from talib import ATR, STOCH\n"
    "import numpy as np\n"
    "import pandas as pd\n"
    "import talib\n"
    "\n"
    "\n"
    "def feats(close, high, low, n):\n"
    "    c = pd.Series(close)\n"
    "    d = c.diff(2).abs()\n"
    "    r = c.pct_change(3).fillna(0).clip(lower=-0.02, upper=0.02)\n"
    "    s = c.shift(1).bfill()\n"
    "    z = np.where(c > s, d, -d)\n"
    "    return pd.Series(z).rolling(n).sum().values + r.to_numpy() * 100\n"
    "\n"
    "\n"
    "class Base(Strategy):\n"
    "    n = 12\n"
    "    thr = 0.5\n"
    "\n"
    "    def init(self):\n"
    "        self.f = self.I(feats, self.data.Close, self.data.High, self.data.Low, self.n)\n"
    "        self.atr = self.I(ATR, self.data.High, self.data.Low, self.data.Close, 14)\n"
    "        self.k, self.d = self.I(STOCH, self.data.High, self.data.Low, self.data.Close)\n"
    "        self.up, self.mid, self.lo = self.I(talib.BBANDS, self.data.Close, 20, 2.0, 2.0)\n"
    "        self.adx = self.I(talib.ADX, self.data.High, self.data.Low, self.data.Close, 10, scatter=True)\n"
    "        local = self.I(SMA, self.data.Close, 300)\n"
    "        self.obv = self.I(talib.OBV, self.data.Close, self.data.Volume * 1.0)\n"
    "        self.cci = self.I(talib.CCI, self.data.High, self.data.Low, self.data.Close)\n"
    "        self.ewm = self.I(lambda x: pd.Series(x).ewm(com=3, min_periods=5).mean(), self.data.Close)\n"
    "        self.hh = self.I(lambda: pd.Series(self.data.High).rolling(10).max().shift(1))\n"
    "\n"
    "\n"
    "class Child(Base):\n"
    "    thr = 1.0\n"
    "\n"
    "    def init(self):\n"
    "        super().init()\n"
    "        self.bars = 0\n"
    "\n"
    "    def next(self):\n"
    "        self.bars += 1\n"
    "        c = self.data.Close\n"
    "        sl = None\n"
    "        for t in self.trades:\n"
    "            sl = t.sl or round(t.entry_price * 0.95, 2)\n"
    "            if t.is_long and self.bars % 7 == 0:\n"
    "                t.sl = max(sl, c[-1] - 2 * self.atr[-1])\n"
    "        if self.f > self.thr and 20 < self.k[-1] < 80 and not self.position:\n"
    "            self.buy(stop=c[-1] + 0.5 * abs(self.atr[-1]), size=int(self.equity // (c[-1] * 4)) or 1)\n"
    "        elif cross(self.f, -self.thr) and self.position.is_long:\n"
    "            self.position.close()\n"
    "        elif c[-1] > self.hh[-1] and self.cci[-1] > 100 and len(self.orders) == 0:\n"
    "            self.sell(limit=c[-1] * 1.002, sl=self.up[-1] * 1.05 if self.up[-1] > c[-1] else c[-1] * 1.05)\n"
    "        elif crossover(self.ewm, self.mid) and self.position.is_short:\n"
    "            self.position.close()\n"
    "        if len(self.orders) > 2:\n"
    "            for o in self.orders:\n"
    "                if o.stop is not None or o.limit:\n"
    "                    o.cancel()\n"
    "\n";

/* ------------------------------------------------------------ against backtesting.py 0.6.6
 * Expected numbers: the same source run by the real backtesting.py 0.6.6 (numpy 2.4.6,
 * pandas 3.1.1, TA-Lib 0.6.8) on `btgpu synth --bars 400 --seed 11` (bt_series_synth(400, 11)
 * written as CSV, read with pd.read_csv(index_col=0, parse_dates=True)):
 *   st = Backtest(data, Class, **options).run(); st['_equity_curve']['Equity'].iloc[-1], len(st['_trades'])
 * plain: Backtest defaults; settings: trade_on_close=True, exclusive_orders=True,
 * finalize_trades=True, commission=0.002. */

typedef struct bt_case { const char **src; const char *cls; int settings; double final; size_t n_trades; } bt_case;

static void run_case(const bt_case *k)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(400, 11, &s, &err), BT_OK);
    bt_compiled *c = NULL;
    cr_assert_eq(bt_strategy_compile("case.py", *k->src, strlen(*k->src), k->cls, &c, &err), BT_OK, "%s", err.msg);
    bt_options o;
    bt_options_default(&o);
    if (k->settings) {
        o.trade_on_close = o.exclusive_orders = o.finalize_trades = 1;
        o.commission = 0.002;
    }
    double p[BT_MAX_STRATEGY_PARAMS];
    int t[BT_MAX_STRATEGY_PARAMS];
    for (size_t q = 0; q < bt_compiled_n_params(c); q++) {
        p[q] = bt_compiled_param_default(c, q);
        t[q] = bt_compiled_param_type(c, q);
    }
    bt_run r = {0};
    cr_assert_eq(bt_compiled_run(c, &s, p, t, &o, &r, &err), BT_OK, "%s", err.msg);
    cr_expect_eq(r.equity[r.n_bars - 1], k->final, "%s: final equity %.17g, backtesting.py %.17g", bt_compiled_name(c),
                 r.equity[r.n_bars - 1], k->final);
    cr_expect_eq(r.n_trades, k->n_trades, "%s: %zu trades, backtesting.py %zu", bt_compiled_name(c), r.n_trades,
                 k->n_trades);
    bt_run_free(&r);
    bt_compiled_free(c);
    bt_series_free(&s);
}

Test(backtesting_py, sl_tp_percent)
{
    bt_case a = {&SRC_SLTP, NULL, 0, 10059.898599999999, 34}, b = {&SRC_SLTP, NULL, 1, 9224.283764400003, 34};
    run_case(&a);
    run_case(&b);
}

Test(backtesting_py, limit_entries_cancel_and_time_exit)
{
    bt_case a = {&SRC_LIMIT, NULL, 0, 8697.174800000006, 34}, b = {&SRC_LIMIT, NULL, 1, 7714.586735599998, 34};
    run_case(&a);
    run_case(&b);
}

Test(backtesting_py, trailing_strategy)
{
    bt_case a = {&SRC_TRAILING, NULL, 0, 8877.518750000001, 20}, b = {&SRC_TRAILING, NULL, 1, 8100.085215000005, 21};
    run_case(&a);
    run_case(&b);
}

Test(backtesting_py, rsi_thresholds)
{
    bt_case a = {&SRC_RSI, NULL, 0, 10287.049999999997, 3}, b = {&SRC_RSI, NULL, 1, 9901.952379999997, 11};
    run_case(&a);
    run_case(&b);
}

Test(backtesting_py, bands_macd_partial_close_tp_update)
{
    bt_case a = {&SRC_MISC, NULL, 0, 10748.549999999997, 38}, b = {&SRC_MISC, NULL, 1, 10630.890800000003, 38};
    run_case(&a);
    run_case(&b);
}

Test(backtesting_py, inheritance_talib_pandas_ops_stop_entries)
{
    bt_case a = {&SRC_MISC2, "Child", 0, 10506.794784260735, 16}, b = {&SRC_MISC2, "Child", 1, 10538.3754002315, 16};
    run_case(&a);
    run_case(&b);
}

/* runtime errors carry Python's exception text (checked against backtesting.py 0.6.6 on the same data) */
static void expect_run_error(const char *src, const char *cls, const char *msg)
{
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(400, 11, &s, &err), BT_OK);
    bt_compiled *c = NULL;
    cr_assert_eq(bt_strategy_compile("e.py", src, strlen(src), cls, &c, &err), BT_OK, "%s", err.msg);
    double p[BT_MAX_STRATEGY_PARAMS];
    int t[BT_MAX_STRATEGY_PARAMS];
    for (size_t q = 0; q < bt_compiled_n_params(c); q++) {
        p[q] = bt_compiled_param_default(c, q);
        t[q] = bt_compiled_param_type(c, q);
    }
    bt_options o;
    bt_options_default(&o);
    bt_run r = {0};
    cr_expect_eq(bt_compiled_run(c, &s, p, t, &o, &r, &err), BT_ERR_DATA);
    cr_expect_str_eq(err.msg, msg);
    cr_expect_null(r.equity);
    bt_compiled_free(c);
    bt_series_free(&s);
}

Test(backtesting_py, nan_sl_is_a_value_error)
{
    expect_run_error("from backtesting import Strategy\nimport numpy as np\nclass E(Strategy):\n    def init(self):\n"
                     "        pass\n    def next(self):\n        if len(self.data) == 5:\n"
                     "            self.buy(sl=np.nan)\n",
                     NULL, "bar 4 (2000-01-07): ValueError: Long orders require: SL (nan) < LIMIT (101.1) < TP (None)");
}

Test(backtesting_py, negative_trade_sl_is_an_assertion)
{
    expect_run_error("from backtesting import Strategy\nclass E(Strategy):\n    def init(self):\n        pass\n"
                     "    def next(self):\n        if len(self.data) == 3:\n            self.buy()\n"
                     "        for t in self.trades:\n            t.sl = -5\n",
                     NULL, "bar 3 (2000-01-06): AssertionError: Make sure 0 < price < inf! price: -5");
}

Test(backtesting_py, talib_refuses_integer_volume)
{
    /* pandas reads whole-number volumes as int64 and ta-lib-python raises "input array type is not double" */
    expect_run_error("import talib\nfrom backtesting import Strategy\nclass E(Strategy):\n    def init(self):\n"
                     "        self.obv = self.I(talib.OBV, self.data.Close, self.data.Volume)\n    def next(self):\n"
                     "        pass\n",
                     NULL, "init(): Exception: input array type is not double");
}

/* mutated strategy files never crash the checker and always give a status with a message */
static bt_series fuzz_series;

Test(compile, fuzz_mutations)
{
    bt_error serr = {0};
    cr_assert_eq(bt_series_synth(80, 2, &fuzz_series, &serr), BT_OK);
    const char *srcs[] = {SMA_CROSS, SRC_SLTP, SRC_LIMIT, SRC_TRAILING, SRC_RSI, SRC_MISC, SRC_MISC2};
    const char *noise[] = {"(", ")", ":", "self.", "[-1]", " and ", "lambda", "\n    ", "=", "1.5", "None", ",", "*", "def ",
                           "yield", "[", "if", "]"};
    uint64_t state = 12345;
    char buf[8192];
    for (int iter = 0; iter < 3000; iter++) {
        const char *src = srcs[iter % 7];
        size_t n = strlen(src);
        if (n >= sizeof buf - 64)
            n = sizeof buf - 64;
        memcpy(buf, src, n);
        buf[n] = '\0';
        int edits = 1 + (int)(iter % 4);
        for (int e = 0; e < edits; e++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t len = strlen(buf);
            size_t at = (size_t)(state >> 33) % (len ? len : 1);
            int what = (int)((state >> 20) % 3);
            if (what == 0 && len > 1) { /* delete a run */
                size_t k = 1 + (size_t)((state >> 8) % 6);
                if (at + k > len)
                    k = len - at;
                memmove(buf + at, buf + at + k, len - at - k + 1);
            } else { /* insert a token */
                const char *t = noise[(state >> 12) % (sizeof noise / sizeof noise[0])];
                size_t tl = strlen(t);
                if (len + tl < sizeof buf - 1) {
                    memmove(buf + at + tl, buf + at, len - at + 1);
                    memcpy(buf + at, t, tl);
                }
            }
        }
        bt_compiled *c = NULL;
        bt_error err = {0};
        int rc = bt_strategy_compile("f.py", buf, strlen(buf), iter % 7 == 6 ? "Child" : NULL, &c, &err);
        if (rc == BT_OK) {
            cr_assert_not_null(c);
            /* and what compiles also runs (any status) */
            double p[BT_MAX_STRATEGY_PARAMS];
            int t[BT_MAX_STRATEGY_PARAMS];
            for (size_t q = 0; q < bt_compiled_n_params(c); q++) {
                p[q] = bt_compiled_param_default(c, q);
                t[q] = bt_compiled_param_type(c, q);
            }
            bt_options o;
            bt_options_default(&o);
            bt_run r = {0};
            if (bt_compiled_run(c, &fuzz_series, p, t, &o, &r, &err) == BT_OK)
                bt_run_free(&r);
            bt_compiled_free(c);
        } else {
            cr_assert(rc == BT_ERR_USAGE, "status %d: %s", rc, err.msg);
            cr_assert(err.msg[0] != '\0');
        }
    }
    bt_series_free(&fuzz_series);
}

/* every file of the strategy corpus (tests/strategies, run unchanged by backtesting.py in the parity
 * harness) compiles, each of its classes, and runs on a synthetic series with the defaults */
Test(compile, corpus_files_compile_and_run)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", __FILE__);
    char *slash = strrchr(dir, '/');
    cr_assert_not_null(slash);
    snprintf(slash + 1, sizeof dir - (size_t)(slash + 1 - dir), "strategies");
    DIR *d = opendir(dir);
    if (!d)
        cr_skip_test("no corpus folder %s", dir);
    bt_series s = {0};
    bt_error err = {0};
    cr_assert_eq(bt_series_synth(300, 4, &s, &err), BT_OK);
    struct dirent *e;
    size_t n_files = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".py") != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        cr_assert_not_null(f);
        static char text[1 << 16];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        n_files++;
        bt_compiled *c = NULL;
        int rc = bt_strategy_compile(path, text, n, NULL, &c, &err);
        char classes[8][64];
        size_t n_classes = 0;
        if (rc == BT_OK) {
            snprintf(classes[n_classes++], 64, "%s", bt_compiled_name(c));
            bt_compiled_free(c);
        } else {
            /* "...several Strategy subclasses (A, B); pick one ..." */
            const char *open = strstr(err.msg, "subclasses (");
            cr_assert_not_null(open, "%s", err.msg);
            open += strlen("subclasses (");
            while (*open && *open != ')' && n_classes < 8) {
                size_t k = strcspn(open, ",)");
                snprintf(classes[n_classes++], 64, "%.*s", (int)k, open);
                open += k;
                while (*open == ',' || *open == ' ')
                    open++;
            }
        }
        for (size_t q = 0; q < n_classes; q++) {
            cr_assert_eq(bt_strategy_compile(path, text, n, classes[q], &c, &err), BT_OK, "%s", err.msg);
            double p[BT_MAX_STRATEGY_PARAMS];
            int t[BT_MAX_STRATEGY_PARAMS];
            for (size_t k = 0; k < bt_compiled_n_params(c); k++) {
                p[k] = bt_compiled_param_default(c, k);
                t[k] = bt_compiled_param_type(c, k);
            }
            bt_options o;
            bt_options_default(&o);
            bt_run r = {0};
            cr_expect_eq(bt_compiled_run(c, &s, p, t, &o, &r, &err), BT_OK, "%s:%s: %s", path, classes[q], err.msg);
            bt_run_free(&r);
            bt_compiled_free(c);
        }
    }
    closedir(d);
    cr_expect_gt(n_files, 0);
    bt_series_free(&s);
}
