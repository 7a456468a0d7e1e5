#!/usr/bin/env python3
"""Regenerates tests/golden/indicators/*.txt: pandas / TA-Lib outputs that
tests/test_indicators.c compares with btgpu's indicator library bit for bit.

Run it in a virtualenv with the pinned versions:

    python3 -m venv /tmp/venv-ind
    /tmp/venv-ind/bin/pip install TA-Lib==0.6.8 numpy==2.4.6 pandas==3.1.1
    /tmp/venv-ind/bin/python scripts/gen-indicator-golden.py

The input series are synthetic and deterministic (seeded random walks, made
here): 'walk' (a stock-like walk around 300), 'fx' (around 1.1 with tiny moves,
quotes rounded to 5 decimals so values repeat), 'flat' (long flat stretches,
bars with high == low), 'signed' (a walk around 0 with both signs) and 'nan'
(a walk with leading NaNs, high NaN one bar longer, NaNs in the middle) and
'short' (12 bars: shorter than most warm-ups), 'tiny' (FX moving by single
ticks) and 'spike' (huge outliers, for pandas' rolling variance).

Format (one file per function, text):
    # comment lines
    series NAME N                   (series.txt: then 4 lines high/low/close/volume)
    high v0 v1 ...
    case FUNC SERIES inputs=a,b opts=k=v,k=v   (opts=- when none)
    out NAME v0 v1 ...              (one line per output)
Values are float.hex() ('nan', 'inf', '-0x0.0p+0' included).
"""
import os
import sys

import numpy as np
import pandas as pd
import talib

N = 260
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "indicators")


def hx(a):
    return " ".join("nan" if v != v else float(v).hex() for v in np.asarray(a, dtype=np.float64))


def ohlcv(close, rng, rel=True, spread=0.01):
    close = np.asarray(close, dtype=np.float64)
    prev = np.concatenate([[close[0]], close[:-1]])
    if rel:
        open_ = prev * (1 + rng.normal(0, spread / 4, len(close)))
        high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, spread, len(close))))
        low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, spread, len(close))))
    else:
        open_ = prev + rng.normal(0, spread / 4, len(close))
        high = np.maximum(open_, close) + np.abs(rng.normal(0, spread, len(close)))
        low = np.minimum(open_, close) - np.abs(rng.normal(0, spread, len(close)))
    vol = rng.integers(1000, 1000000, len(close)).astype(np.float64)
    return {"open": open_, "high": high, "low": low, "close": close, "volume": vol}


def make_series():
    s = {}
    rng = np.random.default_rng(20261201)
    s["walk"] = ohlcv(300 * np.exp(np.cumsum(rng.normal(0, 0.02, N))), rng)
    c = np.round(1.1 + np.cumsum(np.round(rng.normal(0, 0.0004, N), 5)), 5)
    d = ohlcv(c, rng, rel=False, spread=0.0003)
    for k in ("open", "high", "low"):
        d[k] = np.round(d[k], 5)
    d["high"] = np.maximum(d["high"], np.maximum(d["open"], d["close"]))
    d["low"] = np.minimum(d["low"], np.minimum(d["open"], d["close"]))
    s["fx"] = d
    # flat stretches: the price holds for runs of 1..40 bars; some runs are
    # bars with open == high == low == close
    vals, i = [], 0
    level = 50.0
    while len(vals) < N:
        run = int(rng.integers(1, 40))
        vals += [level] * run
        level = round(level + float(rng.normal(0, 1)), 2)
    c = np.array(vals[:N])
    d = ohlcv(c, rng, spread=0.005)
    flat = np.zeros(N, dtype=bool)
    for a in (30, 120, 200):
        flat[a:a + 25] = True
    for k in ("open", "high", "low"):
        d[k] = np.where(flat, c, d[k])
    d["volume"][150:160] = 0.0
    s["flat"] = d
    c = np.cumsum(rng.normal(0, 1, N))
    s["signed"] = ohlcv(c, rng, rel=False, spread=0.5)
    d = ohlcv(100 * np.exp(np.cumsum(rng.normal(0, 0.015, N))), rng)
    for k in d:
        d[k][:7] = np.nan
    d["high"][7] = np.nan
    d["close"][150] = np.nan
    d["close"][151] = np.nan
    d["low"][220] = np.nan
    d["volume"][240] = np.nan
    s["nan"] = d
    # shorter than most warm-ups: everything NaN, nothing read out of range
    d = ohlcv(20 * np.exp(np.cumsum(rng.normal(0, 0.02, 12))), rng)
    s["short"] = d
    # FX quotes moving by 0..3 ticks of 1e-5: window variances of 1e-11..1e-10
    # (TA-Lib's zero tests and pandas' repeated-value shortcuts matter here)
    c = np.round(1.1 + np.cumsum(np.round(rng.normal(0, 0.00002, 120), 5)), 5)
    d = ohlcv(c, rng, rel=False, spread=0.00001)
    for k in ("open", "high", "low"):
        d[k] = np.round(d[k], 5)
    d["high"] = np.maximum(d["high"], np.maximum(d["open"], d["close"]))
    d["low"] = np.minimum(d["low"], np.minimum(d["open"], d["close"]))
    s["tiny"] = d
    # spikes of 1e8 among values near 1: pandas 3's rolling-variance
    # recomputation after catastrophic cancellation
    c = 1 + rng.normal(0, 0.01, 80)
    c[[10, 11, 40, 63]] = [1e8, -3e7, 2.5e8, 1e12]
    s["spike"] = ohlcv(c, rng, rel=False, spread=0.001)
    return s


class Writer:
    def __init__(self):
        self.files = {}

    def case(self, fname, func, series, inputs, opts, outs):
        f = self.files.setdefault(fname, [])
        o = ",".join(f"{k}={v}" for k, v in opts) if opts else "-"
        f.append(f"case {func} {series} inputs={','.join(inputs)} opts={o}")
        for name, arr in outs:
            f.append(f"out {name} {hx(arr)}")

    def save(self, header):
        total = 0
        for fname, lines in sorted(self.files.items()):
            path = os.path.join(OUT, fname + ".txt")
            with open(path, "w") as fh:
                fh.write(header)
                fh.write("\n".join(lines) + "\n")
            total += os.path.getsize(path)
        return total


def pandas_cases(w, S):
    for sname, d in S.items():
        x = pd.Series(d["close"])
        for win, mp in [(1, None), (2, None), (5, None), (20, None), (5, 1), (20, 10)]:
            r = x.rolling(win, min_periods=mp).mean()
            w.case("pd_rolling_mean", "rolling_mean", sname, ["close"],
                   [("window", win), ("min_periods", win if mp is None else mp)], [("real", r)])
        for win, mp in [(1, None), (2, None), (5, None), (20, None), (5, 0)]:
            r = x.rolling(win, min_periods=mp).sum()
            w.case("pd_rolling_sum", "rolling_sum", sname, ["close"],
                   [("window", win), ("min_periods", win if mp is None else mp)], [("real", r)])
        for win, mp, ddof in [(1, None, 0), (2, None, 1), (5, None, 0), (5, None, 1), (20, None, 1), (20, 1, 0)]:
            r = x.rolling(win, min_periods=mp).var(ddof=ddof)
            w.case("pd_rolling_var", "rolling_var", sname, ["close"],
                   [("window", win), ("min_periods", win if mp is None else mp), ("ddof", ddof)], [("real", r)])
        for win, mp, ddof in [(2, None, 1), (5, None, 1), (20, None, 0), (20, None, 1)]:
            r = x.rolling(win, min_periods=mp).std(ddof=ddof)
            w.case("pd_rolling_std", "rolling_std", sname, ["close"],
                   [("window", win), ("min_periods", win if mp is None else mp), ("ddof", ddof)], [("real", r)])
        if sname in ("signed", "spike"):
            continue
        for agg in ("max", "min"):
            for win, mp in [(1, None), (2, None), (5, None), (20, None), (5, 2)]:
                r = getattr(x.rolling(win, min_periods=mp), agg)()
                w.case("pd_rolling_" + agg, "rolling_" + agg, sname, ["close"],
                       [("window", win), ("min_periods", win if mp is None else mp)], [("real", r)])
    forms = [("span", 1), ("span", 2), ("span", 3), ("span", 10), ("span", 20.5), ("com", 0.5), ("com", 1),
             ("com", 9), ("alpha", 0.1), ("alpha", 1 / 3), ("alpha", 0.5), ("halflife", 2.5), ("halflife", 10)]
    for sname in ("walk", "nan", "fx", "flat", "short"):
        x = pd.Series(S[sname]["close"])
        for kind, v in forms:
            if sname == "short" and (kind, v) != ("span", 10):
                continue
            for adjust in (True, False):
                igs = (False, True) if sname == "nan" else (False,)
                if sname in ("fx", "flat") and not (kind == "span" and v in (3, 10)):
                    continue
                if sname == "nan" and (kind, v) not in (("span", 3), ("span", 10), ("com", 1), ("alpha", 0.5),
                                                        ("halflife", 2.5), ("alpha", 0.1)):
                    continue
                for ig in igs:
                    mps = (0, 5) if (sname == "nan" and kind == "span" and v == 10) else (0,)
                    for mp in mps:
                        r = x.ewm(**{kind: v}, adjust=adjust, ignore_na=ig, min_periods=mp).mean()
                        w.case("pd_ewm_mean", "ewm_mean", sname, ["close"],
                               [(kind, float(v).hex()), ("adjust", int(adjust)), ("ignore_na", int(ig)),
                                ("min_periods", mp)], [("real", r)])
    for sname in ("walk", "nan"):
        x = pd.Series(S[sname]["close"])
        for k in (1, 2, -1):
            w.case("pd_diff", "diff", sname, ["close"], [("k", k)], [("real", x.diff(k))])
            w.case("pd_shift", "shift", sname, ["close"], [("k", k)], [("real", x.shift(k))])
            w.case("pd_pct_change", "pct_change", sname, ["close"], [("k", k)], [("real", x.pct_change(k))])
    x = pd.Series(S["flat"]["volume"])
    w.case("pd_pct_change", "pct_change", "flat", ["volume"], [("k", 1)], [("real", x.pct_change(1))])
    for sname in ("nan",):
        for col in ("close", "high"):
            x = pd.Series(S[sname][col])
            w.case("pd_fill", "bfill", sname, [col], [], [("real", x.bfill())])
            w.case("pd_fill", "ffill", sname, [col], [], [("real", x.ffill())])


TA_GRID = {
    "SMA": [(2,), (14,), (30,)],
    "EMA": [(2,), (14,), (30,)],
    "WMA": [(2,), (14,), (30,)],
    "RSI": [(2,), (14,), (30,)],
    "ATR": [(1,), (2,), (14,)],
    "NATR": [(1,), (14,)],  # NATR(1) is TRANGE (TA-Lib's period-1 branch)
    "TRANGE": [()],
    "MACD": [(12, 26, 9), (5, 3, 4), (2, 2, 2)],
    "BBANDS": [(5, 2.0, 2.0, 0), (20, 2.0, 1.5, 0), (2, 1.0, 1.0, 0)],
    "MAX": [(2,), (14,)],
    "MIN": [(2,), (14,)],
    "SUM": [(2,), (14,)],
    "STOCH": [(5, 3, 0, 3, 0), (14, 1, 0, 1, 0), (3, 2, 0, 4, 0)],
    "ADX": [(2,), (14,)],
    "CCI": [(2,), (14,)],
    "WILLR": [(2,), (14,)],
    "OBV": [()],
    "MFI": [(2,), (14,)],
    "MOM": [(1,), (10,)],
    "ROC": [(1,), (10,)],
    "STDDEV": [(5, 1.0), (20, 2.0)],
}


def ta_cases(w, S):
    from talib import abstract
    for name, grid in TA_GRID.items():
        fn = getattr(talib, name)
        info = abstract.Function(name).info
        pnames = list(info["parameters"].keys())
        inames = []
        for v in info["input_names"].values():
            inames += v if isinstance(v, list) else [v]
        onames = info["output_names"]
        for sname, d in S.items():
            if sname == "signed" and name not in ("SMA", "EMA", "MOM", "ROC", "OBV", "MACD", "STDDEV"):
                continue
            if sname == "spike" and name not in ("SMA", "STDDEV", "BBANDS"):
                continue
            cols = ["close" if i in ("real", "price") else i for i in inames]
            for opts in grid:
                kw = dict(zip(pnames, opts))
                res = fn(*[d[c] for c in cols], **kw)
                if not isinstance(res, (tuple, list)):
                    res = [res]
                w.case("ta_" + name, name, sname, cols,
                       [(k, float(v).hex() if isinstance(v, float) else v) for k, v in kw.items()],
                       list(zip(onames, res)))


def main():
    os.makedirs(OUT, exist_ok=True)
    S = make_series()
    with open(os.path.join(OUT, "series.txt"), "w") as fh:
        fh.write("# input series of the indicator golden files (scripts/gen-indicator-golden.py)\n")
        for sname, d in S.items():
            fh.write(f"series {sname} {len(d['close'])}\n")
            for col in ("high", "low", "close", "volume"):  # no function reads open
                fh.write(f"{col} {hx(d[col])}\n")
    header = (f"# generated by scripts/gen-indicator-golden.py: pandas {pd.__version__}, numpy {np.__version__}, "
              f"TA-Lib {talib.__version__} (C {talib.__ta_version__.decode().split()[0]})\n"
              "# case FUNC SERIES inputs=COLUMNS opts=NAME=VALUE,... ; out OUTPUT values (float.hex)\n")
    w = Writer()
    pandas_cases(w, S)
    ta_cases(w, S)
    total = w.save(header) + os.path.getsize(os.path.join(OUT, "series.txt"))
    ncase = sum(1 for lines in w.files.values() for l in lines if l.startswith("case"))
    print(f"{len(w.files)} files, {ncase} cases, {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
