#!/usr/bin/env python3
"""Random valid backtesting.py strategy files for btgpu's parity test.

    gen_strategies.py SEED [SEED2 ...]     print the program(s) for these seeds
    gen_strategies.py --write DIR N [S0]   write gen_S0.py ... into DIR

generate(seed) returns the text of one strategy file in the corpus format of
tests/strategies/ (a module docstring, imports, helper functions, one Strategy
class with parameters, and module-level GRID / SETTINGS / DATA / MAXIMIZE),
made only of constructs of btgpu's compiled subset.  The same seed always gives
the same file (Python's random.Random(seed), no other state).

What varies: indicators (backtesting.test.SMA, pandas ewm EMA, TA-Lib SMA/EMA/RSI/ATR,
rolling max/min of the previous bars), entry and exit conditions (crossover of two
averages, price vs average, RSI levels, breakouts, with and/or), long only or long and
short, order kind (market, limit, stop, stop-limit; stale orders cancelled or kept),
size (full equity, fraction, units), SL/TP (none, percent parameters, ATR multiple),
trailing (none, TrailingStrategy, a hand-written trade.sl update, a break-even move),
exits (signal, time stop, partial close; or, one program in five, none: next() does
nothing while a trade is held and enters only while flat), Backtest settings and the dataset.
Every generated SL/TP lies on the valid side of its order's reference price, so the
programs run in backtesting.py without errors (strategy_cases.py checks that too).
"""

import random
import sys

MAXIMIZE_KEYS = ["Equity Final [$]", "Return [%]", "Sharpe Ratio", "SQN", "Win Rate [%]",
                 "Profit Factor", "# Trades", "Max. Drawdown [%]"]


class _Prog:
    def __init__(self, rng):
        self.rng = rng
        self.imports = set()
        self.helpers = []
        self.params = []          # (name, default, grid values)
        self.init = []
        self.next = []
        self.doc = []

    def param(self, name, default, values):
        self.params.append((name, default, values))
        return "self." + name


def _avg(p, k, src="self.data.Close"):
    """A moving average indicator self.ma{k}; returns (attr, description)."""
    rng = p.rng
    kind = rng.choice(["SMA", "pdEMA", "taSMA", "taEMA", "pdMEAN"])
    lo = rng.choice([3, 5, 8, 10])
    hi = lo + rng.choice([10, 15, 20, 30])
    name = "n%d" % k
    default = lo if k == 1 else hi
    vals = sorted({default, default + rng.choice([2, 5, 7])})
    attr = "self.ma%d" % k
    if kind == "SMA":
        p.imports.add("from backtesting.test import SMA")
        p.init.append("%s = self.I(SMA, %s, self.%s)" % (attr, src, name))
    elif kind == "pdEMA":
        p.imports.add("import pandas as pd")
        if "def ema(" not in "".join(p.helpers):
            p.helpers.append("def ema(values, n):\n    return pd.Series(values).ewm(span=n, adjust=False).mean()\n")
        p.init.append("%s = self.I(ema, %s, self.%s)" % (attr, src, name))
    elif kind == "taSMA":
        p.imports.add("import talib")
        p.init.append("%s = self.I(talib.SMA, %s, self.%s)" % (attr, src, name))
    elif kind == "taEMA":
        p.imports.add("import talib")
        p.init.append("%s = self.I(talib.EMA, %s, timeperiod=self.%s)" % (attr, src, name))
    else:
        p.imports.add("import pandas as pd")
        p.init.append("%s = self.I(lambda x, n: pd.Series(x).rolling(n).mean(), %s, self.%s)" % (attr, src, name))
    p.param(name, default, vals)
    p.doc.append("%s %s" % (kind, name))
    return attr


def _entry_conditions(p):
    """(long condition, short condition, exit-long condition, exit-short condition)."""
    rng = p.rng
    kind = rng.choice(["cross", "cross", "price_ma", "rsi", "breakout", "combo"])
    if kind in ("cross", "combo"):
        p.imports.add("from backtesting.lib import crossover")
        a, b = _avg(p, 1), _avg(p, 2)
        p.doc.append("crossover")
        up, dn = "crossover(%s, %s)" % (a, b), "crossover(%s, %s)" % (b, a)
        if kind == "combo":
            rsi = _rsi(p)
            up = "%s and %s[-1] < %s" % (up, rsi, rng.choice([60, 70, 80]))
            dn = "%s and %s[-1] > %s" % (dn, rsi, rng.choice([20, 30, 40]))
        return up, dn, dn, up
    if kind == "price_ma":
        a = _avg(p, 1)
        p.doc.append("close vs average")
        up = "self.data.Close[-1] > %s[-1] and self.data.Close[-2] <= %s[-2]" % (a, a)
        dn = "self.data.Close[-1] < %s[-1] and self.data.Close[-2] >= %s[-2]" % (a, a)
        return up, dn, "self.data.Close[-1] < %s[-1]" % a, "self.data.Close[-1] > %s[-1]" % a
    if kind == "rsi":
        p.imports.add("from backtesting.lib import crossover")
        rsi = _rsi(p)
        lo = p.param("lower", rng.choice([25, 30, 35]), None)
        hi = p.param("upper", rng.choice([65, 70, 75]), None)
        p.params[-2] = ("lower", p.params[-2][1], sorted({p.params[-2][1], p.params[-2][1] + 5}))
        p.params[-1] = ("upper", p.params[-1][1], [p.params[-1][1]])
        p.doc.append("RSI levels")
        return ("crossover(%s, %s)" % (lo, rsi), "crossover(%s, %s)" % (rsi, hi),
                "crossover(%s, %s)" % (rsi, hi), "crossover(%s, %s)" % (lo, rsi))
    # breakout of the previous bars' rolling max/min
    p.imports.add("import pandas as pd")
    p.helpers.append("def prev_max(values, n):\n    return pd.Series(values).rolling(n).max().shift(1)\n")
    p.helpers.append("def prev_min(values, n):\n    return pd.Series(values).rolling(n).min().shift(1)\n")
    n = rng.choice([10, 20, 30])
    p.param("nb", n, sorted({n, n + 10}))
    p.init.append("self.hh = self.I(prev_max, self.data.High, self.nb)")
    p.init.append("self.ll = self.I(prev_min, self.data.Low, self.nb)")
    p.doc.append("breakout")
    up, dn = "self.data.Close[-1] > self.hh[-1]", "self.data.Close[-1] < self.ll[-1]"
    return up, dn, dn, up


def _rsi(p):
    if any(l.startswith("self.rsi =") for l in p.init):
        return "self.rsi"
    p.imports.add("import talib")
    n = p.rng.choice([7, 14, 21])
    p.param("rsi_n", n, [n])
    p.init.append("self.rsi = self.I(talib.RSI, self.data.Close, self.rsi_n)")
    return "self.rsi"


def _atr(p):
    if any(l.startswith("self.atr =") for l in p.init):
        return "self.atr"
    p.imports.add("import talib")
    p.param("atr_n", 14, [14])
    p.init.append("self.atr = self.I(talib.ATR, self.data.High, self.data.Low, self.data.Close, self.atr_n)")
    return "self.atr"


def generate(seed):
    rng = random.Random(seed)
    p = _Prog(rng)
    up, dn, exit_long, exit_short = _entry_conditions(p)
    shorts = rng.random() < 0.5
    order = rng.choice(["market", "market", "limit", "stop", "stoplimit"])
    size = rng.choice(["full", "full", "fraction", "units"])
    brackets = rng.choice(["none", "pct", "pct", "atr"])
    trailing = rng.choice(["none", "none", "strategy", "manual", "breakeven"])
    exit_kind = rng.choice(["signal", "signal", "time", "partial"])
    cancel_stale = rng.random() < 0.7
    data = "EURUSD" if rng.random() < 0.2 else "GOOG"

    # size
    size_kw = ""
    if size == "fraction":
        f = rng.choice([0.1, 0.25, 0.5, 0.9])
        p.param("frac", f, [f])
        size_kw = "size=self.frac"
    elif size == "units":
        u = rng.choice([1, 3, 10, 25]) * (300 if data == "EURUSD" else 1)
        p.param("units", u, [u])
        size_kw = "size=self.units"

    # order price (reference for the bracket checks)
    if order == "limit":
        d = rng.choice([0.002, 0.005, 0.01])
        p.param("offset", d, sorted({d, d * 2}))
        price_l, price_s = "c * (1 - self.offset)", "c * (1 + self.offset)"
        kw_l, kw_s = "limit=pl", "limit=ps"
    elif order == "stop":
        d = rng.choice([0.0, 0.002, 0.01])
        p.param("offset", d, [d])
        price_l, price_s = "self.data.High[-1] * (1 + self.offset)", "self.data.Low[-1] * (1 - self.offset)"
        kw_l, kw_s = "stop=pl", "stop=ps"
    elif order == "stoplimit":
        d = rng.choice([0.001, 0.005])
        lim = rng.choice([-0.003, 0.0, 0.004])
        p.param("offset", d, [d])
        p.param("lim", lim, sorted({lim, 0.002}))
        price_l, price_s = "c * (1 + self.offset)", "c * (1 - self.offset)"
        # the reference of a stop-limit order is its limit
        kw_l, kw_s = "stop=pl, limit=pl * (1 + self.lim)", "stop=ps, limit=ps * (1 - self.lim)"
    else:
        price_l = price_s = "c"
        kw_l = kw_s = ""

    ref_l = "pl * (1 + self.lim)" if order == "stoplimit" else "pl" if order != "market" else "c"
    ref_s = "ps * (1 - self.lim)" if order == "stoplimit" else "ps" if order != "market" else "c"
    sl_l = sl_s = tp_l = tp_s = None
    if brackets == "pct":
        sl = rng.choice([0.0, 0.01, 0.03, 0.05])
        tp = rng.choice([0.0, 0.02, 0.05, 0.1])
        p.param("sl_pct", sl, sorted({sl, rng.choice([0.02, 0.04])}))
        p.param("tp_pct", tp, sorted({tp, 0.0}) if tp else [0.0, 0.06])
        sl_l = "%s * (1 - self.sl_pct) if self.sl_pct else None" % ref_l
        sl_s = "%s * (1 + self.sl_pct) if self.sl_pct else None" % ref_s
        tp_l = "%s * (1 + self.tp_pct) if self.tp_pct else None" % ref_l
        tp_s = "%s * (1 - self.tp_pct) if self.tp_pct else None" % ref_s
    elif brackets == "atr":
        atr = _atr(p)
        m = rng.choice([1.5, 2.0, 3.0])
        p.param("sl_atr", m, sorted({m, m + 1.0}))
        sl_l = "%s - self.sl_atr * %s[-1]" % (ref_l, atr)
        sl_s = "%s + self.sl_atr * %s[-1]" % (ref_s, atr)
        if rng.random() < 0.5:
            tp_l = "%s + 2 * self.sl_atr * %s[-1]" % (ref_l, atr)
            tp_s = "%s - 2 * self.sl_atr * %s[-1]" % (ref_s, atr)

    def call(side, kw, sl, tp):
        args = [a for a in (size_kw, kw, "sl=" + sl if sl else "", "tp=" + tp if tp else "") if a]
        return "self.%s(%s)" % (side, ", ".join(args))

    def entry(ind, side):
        """The lines of a buy (side "buy") or sell entry at indentation ind: its reference
        price (limit / stop orders), then the call."""
        long_ = side == "buy"
        kw, var, price = (kw_l, "pl", price_l) if long_ else (kw_s, "ps", price_s)
        lines = [ind + "%s = %s" % (var, price)] if kw else []
        return lines + [ind + call(side, kw, sl_l if long_ else sl_s, tp_l if long_ else tp_s)]

    base = "Strategy"
    if trailing == "strategy":
        base = "TrailingStrategy"
        p.imports.add("from backtesting.lib import TrailingStrategy")
        mult = rng.choice([2.0, 3.0, 5.0])
        p.param("trail", mult, sorted({mult, mult + 1.5}))
        p.init.insert(0, "super().init()")
        if rng.random() < 0.5:
            per = rng.choice([14, 20, 50])
            p.param("trail_n", per, [per])
            p.init.insert(1, "self.set_atr_periods(self.trail_n)")
        p.init.insert(1, "self.set_trailing_sl(self.trail)")
    else:
        p.imports.add("from backtesting import Strategy")

    nx = p.next
    if trailing == "strategy":
        nx.append("super().next()")
    nx.append("c = self.data.Close[-1]")
    if trailing == "manual":
        atr = _atr(p)
        k = rng.choice([2.0, 3.0])
        p.param("trail_k", k, [k])
        nx.append("for trade in self.trades:")
        nx.append("    if trade.is_long:")
        nx.append("        trade.sl = max(trade.sl or 0, c - self.trail_k * %s[-1])" % atr)
        nx.append("    else:")
        nx.append("        trade.sl = min(trade.sl or 1e9, c + self.trail_k * %s[-1])" % atr)
    elif trailing == "breakeven":
        be = rng.choice([2.0, 5.0])
        p.param("be_pct", be, [be])
        nx.append("for trade in self.trades:")
        nx.append("    if trade.pl_pct > self.be_pct and trade.is_long:")
        nx.append("        trade.sl = max(trade.sl or 0, trade.entry_price)")
        nx.append("    elif trade.pl_pct > self.be_pct:")
        nx.append("        trade.sl = min(trade.sl or 1e9, trade.entry_price)")
    if exit_kind == "time":
        h = rng.choice([5, 10, 20])
        p.param("hold", h, sorted({h, h * 2}))
        nx.append("for trade in self.trades:")
        nx.append("    if len(self.data) - 1 - trade.entry_bar >= self.hold:")
        nx.append("        trade.close()")
    if order != "market" and cancel_stale:
        p.init.append("self.age = 0")
        nx.append("if not self.position and len(self.orders) > 0:")
        nx.append("    self.age += 1")
        nx.append("    if self.age > 3:")
        nx.append("        for order in self.orders:")
        nx.append("            order.cancel()")
        nx.append("        self.age = 0")
    # One program in five (its own generator, so the others stay as they were): while a
    # trade is held next() does nothing, the exits are the brackets (or TrailingStrategy);
    # while flat the pending orders are cancelled (mostly) and one entry placed.
    r2 = random.Random(seed * 7919 + 17)
    flat = r2.random() < 0.2
    if flat:
        del nx[:]
        if trailing == "strategy":
            nx.append("super().next()")
        if r2.random() < 0.5:
            nx += ["if self.position:", "    return"]
            ind = ""
        else:
            nx.append("if not self.position:")
            ind = "    "
        if r2.random() < 0.85:
            nx += [ind + "for order in self.orders:", ind + "    order.cancel()"]
        nx.append(ind + "c = self.data.Close[-1]")
        nx.append(ind + "if %s:" % up)
        nx += entry(ind + "    ", "buy")
        if shorts:
            nx.append(ind + "elif %s:" % dn)
            nx += entry(ind + "    ", "sell")
    else:
        close_stmt = "self.position.close(0.5)" if exit_kind == "partial" else "self.position.close()"
        nx.append("if %s:" % up)
        nx.append("    if self.position.is_short:")
        nx.append("        self.position.close()")
        nx.append("    if not self.position.is_long:")
        nx += entry("        ", "buy")
        nx.append("elif %s:" % dn)
        if shorts:
            nx.append("    if self.position.is_long:")
            nx.append("        self.position.close()")
            nx.append("    if not self.position.is_short:")
            nx += entry("        ", "sell")
        else:
            nx.append("    if self.position.is_long:")
            nx.append("        " + close_stmt)
        if exit_long != dn or exit_kind == "partial":
            nx.append("elif self.position.is_long and %s:" % exit_long)
            nx.append("    " + close_stmt)
        if shorts and exit_short != up:
            nx.append("elif self.position.is_short and %s:" % exit_short)
            nx.append("    self.position.close()")

    # settings
    settings = {}
    for key, vals in (("commission", [0.0, 0.001, 0.002, (3.0, 0.001)]),
                      ("trade_on_close", [False, False, True]),
                      ("exclusive_orders", [False, False, True]),
                      ("hedging", [False, False, True]),
                      ("finalize_trades", [False, True]),
                      ("spread", [0.0, 0.0, 0.0005]),
                      ("margin", [1.0, 1.0, 0.5])):
        v = rng.choice(vals)
        if v:
            settings[key] = v
    if data == "EURUSD":
        settings.pop("spread", None)
        if isinstance(settings.get("commission"), tuple) or settings.get("commission", 0) > 0.0005:
            settings["commission"] = 0.0002
    maximize = rng.choice(MAXIMIZE_KEYS)

    # grid: at most 8 combinations, swept parameters first
    swept = [(n, v) for n, d, v in p.params if v and len(v) > 1]
    rng.shuffle(swept)
    grid = []
    ncombo = 1
    for n, v in swept:
        if ncombo * len(v) <= 8:
            grid.append((n, v))
            ncombo *= len(v)
    if not grid:
        n, d, v = p.params[0]
        grid.append((n, [d]))

    cls = "Gen%d" % seed
    doc_line = ("Generated strategy (seed %d): %s; %s entries%s, %s size, %s brackets, %s trailing, %s exits."
                % (seed, ", ".join(p.doc) or "indicators", order, " long and short" if shorts else " long only",
                   size, brackets, trailing, "no" if flat else exit_kind))
    if flat:
        doc_line = doc_line[:-1] + "; while a trade is held next() does nothing (entries only while flat)."
    lines = ['"""%s"""' % doc_line]
    mods = sorted(i for i in p.imports if i.startswith("import "))
    froms = sorted(i for i in p.imports if i.startswith("from "))
    lines += mods + ([""] if mods else []) + froms + ["", ""]
    for h in p.helpers:
        lines.append(h)
        lines.append("")
    lines.append("class %s(%s):" % (cls, base))
    lines.append('    """Random program %d of gen_strategies.py."""' % seed)
    seen = set()
    for n, d, _ in p.params:
        if n not in seen:
            seen.add(n)
            lines.append("    %s = %r" % (n, d))
    lines.append("")
    lines.append("    def init(self):")
    lines += ["        " + l for l in p.init] or ["        pass"]
    lines.append("")
    lines.append("    def next(self):")
    lines += ["        " + l for l in p.next]
    lines.append("")
    lines.append("")
    lines.append("GRID = {%s}" % ", ".join("%r: %r" % (n, v) for n, v in grid))
    lines.append("SETTINGS = %r" % settings)
    lines.append("DATA = %r" % data)
    lines.append("MAXIMIZE = %r" % maximize)
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) >= 2 and argv[0] == "--write":
        import os
        d, n = argv[1], int(argv[2])
        s0 = int(argv[3]) if len(argv) > 3 else 1
        os.makedirs(d, exist_ok=True)
        for s in range(s0, s0 + n):
            with open(os.path.join(d, "gen_%04d.py" % s), "w") as f:
                f.write(generate(s))
        return 0
    if not argv:
        print(__doc__)
        return 2
    for a in argv:
        sys.stdout.write(generate(int(a)))
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
