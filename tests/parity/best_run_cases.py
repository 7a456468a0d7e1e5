"""The best run's trades and equity curve against backtesting.py 0.6.6, byte for byte.

Run inside the parity virtualenv (run_parity.py --best-run does that):

    best_run_cases.py --btgpu PATH [--backend reference,cpu]

For each case: backtesting.py's Backtest(...).optimize(...) on a strategy file (imported
from the repository) and data, then its stats._trades (with the indicator columns
Entry_NAME / Exit_NAME) and stats._equity_curve written with pandas' to_csv(); btgpu --trades / --equity on the same grid and settings must write the
same bytes. The cases cover a daily index (dates only), an hourly one (times and
durations with hours), an integer index (RangeIndex; integer times and durations),
SL/TP brackets (the SL and TP columns), shorts, a finalize_trades run and a named index.
Exit status 0 when every file agrees, 1 otherwise.
"""
import argparse
import importlib.util
import itertools
import os
import subprocess
import sys
import tempfile
import warnings

import pandas as pd
from backtesting import Backtest
from backtesting.test import EURUSD, GOOG

warnings.filterwarnings("ignore")
REPO = os.environ.get("BTGPU_REPO") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def load(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], os.path.join(REPO, path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def strategy_class(path):
    from backtesting import Strategy
    mod = load(path)
    return next(v for v in vars(mod).values()
                if isinstance(v, type) and issubclass(v, Strategy) and v is not Strategy and v.__module__ == mod.__name__)


def frames():
    goog_int = GOOG.reset_index(drop=True)
    named = GOOG.copy()
    named.index.name = "Date"
    return {"GOOG": GOOG, "EURUSD": EURUSD, "GOOG_INT": goog_int, "GOOG_NAMED": named}


# data written in other timestamp forms: the CSV as written, and the DataFrame pandas'
# read_csv(index_col=0, parse_dates=True) makes of it, which is what backtesting.py gets
WRITTEN = {
    "GOOG_OFFSET": (GOOG, dict(date_format="%Y-%m-%d %H:%M:%S+05:30")),
    "EURUSD_Z": (EURUSD, dict(date_format="%Y-%m-%dT%H:%M:%SZ")),
    "GOOG_US": (GOOG, dict(date_format="%m/%d/%Y")),
    "GOOG_SLASH": (GOOG, dict(date_format="%Y/%m/%d")),
}


# name, strategy file, data, grid {name: values}, constraint, maximize, Backtest settings
CASES = [
    ("daily", "strategies/sma_cross.py", "GOOG", {"n1": [5, 10, 15], "n2": [20, 40, 60]}, True, "Equity Final [$]",
     {"commission": 0.002}),
    ("hourly", "strategies/sma_cross.py", "EURUSD", {"n1": [5, 10], "n2": [20, 30]}, True, "SQN", {}),
    ("integer index", "strategies/sma_cross.py", "GOOG_INT", {"n1": [10], "n2": [20, 30]}, False, "Sharpe Ratio",
     {"commission": 0.001}),
    ("SL/TP brackets", "bench/strategies/sma_bracket.py", "GOOG",
     {"n1": [10], "n2": [30], "sl_pct": [0.03, 0.05], "tp_pct": [0.1]}, False, "Return [%]", {}),
    ("finalize, named index", "strategies/rsi_threshold.py", "GOOG_NAMED", {"rsi_window": [10, 14]}, False,
     "Equity Final [$]", {"finalize_trades": True, "commission": 0.002}),
    ("UTC offset +05:30", "strategies/sma_cross.py", "GOOG_OFFSET", {"n1": [10], "n2": [20, 30]}, False, "SQN", {}),
    ("hourly, Z (UTC)", "strategies/sma_cross.py", "EURUSD_Z", {"n1": [5], "n2": [20]}, False, "Sharpe Ratio", {}),
    ("MM/DD/YYYY", "strategies/sma_cross.py", "GOOG_US", {"n1": [10], "n2": [20]}, False, "SQN", {}),
    ("YYYY/MM/DD", "strategies/sma_cross.py", "GOOG_SLASH", {"n1": [10], "n2": [20]}, False, "SQN", {}),
    ("indicator names", "tests/strategies/c48_indicator_names.py", "GOOG", {"n1": [10, 20], "k": [2.0, 1.5]}, False,
     "Return [%]", {}),
]

FLAG = {"commission": "--commission", "finalize_trades": "--finalize-trades"}


def best_stats(bt, grid, constraint, maximize):
    """What Backtest.optimize(method='grid') returns, in this process: every combination in
    product order run with Backtest.run (the pool would have to pickle a class from a file),
    NaN for no trades, the first maximum, else the first combination."""
    best, best_v, first = None, None, None
    for combo in itertools.product(*grid.values()):
        params = dict(zip(grid, combo))
        if constraint and not params["n1"] < params["n2"]:
            continue
        first = first or params
        st = bt.run(**params)
        v = st[maximize] if st["# Trades"] else float("nan")
        if v == v and (best_v is None or v > best_v):
            best, best_v = params, v
    return bt.run(**(best or first))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--backend", default="reference,cpu")
    a = ap.parse_args()
    data = frames()
    tmp = tempfile.mkdtemp(prefix="btgpu-best-run-")
    bad = 0
    for i, (name, path, dname, grid, constraint, maximize, settings) in enumerate(CASES):
        csv = os.path.join(tmp, dname + ".csv")
        if dname in WRITTEN:
            src, how = WRITTEN[dname]
            if not os.path.exists(csv):
                src.to_csv(csv, **how)
            df = pd.read_csv(csv, index_col=0, parse_dates=True)
            assert isinstance(df.index, pd.DatetimeIndex), (dname, df.index.dtype)
        else:
            df = data[dname]
            if not os.path.exists(csv):
                df.to_csv(csv)
        bt = Backtest(df, strategy_class(path), cash=10_000, **settings)
        stats = best_stats(bt, grid, constraint, maximize)
        trades = stats._trades
        want_t, want_e = os.path.join(tmp, "want-t.csv"), os.path.join(tmp, "want-e.csv")
        trades.to_csv(want_t)
        stats._equity_curve.to_csv(want_e)
        for backend in a.backend.split(","):
            got_t, got_e = os.path.join(tmp, "got-t.csv"), os.path.join(tmp, "got-e.csv")
            cmd = [a.btgpu, "--method", "grid", "--data", csv, "--strategy", os.path.join(REPO, path),
                   "--maximize", maximize, "--quiet", "--backend", backend, "--trades", got_t, "--equity", got_e]
            for k, vals in grid.items():
                cmd += ["--param", "%s=%s" % (k, ",".join(repr(v) for v in vals))]
            if constraint:
                cmd += ["--constraint", "n1 < n2"]
            for k, v in settings.items():
                cmd += [FLAG[k]] if v is True else [FLAG[k], repr(v)]
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            if p.returncode != 0:
                print("FAIL %s [%s]: btgpu exited %d: %s" % (name, backend, p.returncode, p.stderr.strip()))
                bad += 1
                continue
            for what, want, got in (("trades", want_t, got_t), ("equity", want_e, got_e)):
                w, g = open(want).read().splitlines(), open(got).read().splitlines()
                if w == g:
                    print("ok   %s [%s] %s: %d lines" % (name, backend, what, len(w)))
                    continue
                bad += 1
                k = next((j for j in range(min(len(w), len(g))) if w[j] != g[j]), min(len(w), len(g)))
                print("FAIL %s [%s] %s: %d lines vs %d; first difference at line %d:\n  pandas: %s\n  btgpu:  %s"
                      % (name, backend, what, len(w), len(g), k + 1, w[k] if k < len(w) else "(end)",
                         g[k] if k < len(g) else "(end)"))
    print("best_run_cases: %d cases, %d mismatches" % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
