"""Walk-forward optimization against backtesting.py 0.6.6 on the same slices.

Run inside the parity virtualenv (run_parity.py --walk-forward does that):

    walk_forward_cases.py --btgpu PATH [--backend reference,cpu]

For each case the windows are computed here as btgpu documents them (rolling or anchored,
in bars or in calendar durations with pandas' DateOffset), and for each window
backtesting.py's Backtest(df.iloc[a:b]).optimize(...) picks the train slice's best
combination and Backtest(df.iloc[b:c]).run(**best) gives its out-of-sample statistics.
btgpu --method walk-forward --windows must list the same windows (rows and times), the
same best parameters, the in-sample value and the out-of-sample statistics (1e-9
relative). Exit status 0 when every case agrees, 1 otherwise.
"""
import csv
import math
import os
import subprocess
import sys
import tempfile
import warnings

import pandas as pd
from backtesting import Backtest
from backtesting.test import GOOG

from parity_util import REPO, btgpu_args, close, strategy_class

warnings.filterwarnings("ignore")


def offset(text):
    n, u = int(text[:-1]), text[-1]
    return {"y": pd.DateOffset(years=n), "m": pd.DateOffset(months=n), "w": pd.Timedelta(weeks=n),
            "d": pd.Timedelta(days=n), "h": pd.Timedelta(hours=n)}[u]


def times(text, k):
    n, u = int(text[:-1]), text[-1]
    return offset("%d%s" % (n * k, u)) if k else pd.Timedelta(0)


def windows(df, train, test, step, anchored):
    out = []
    if train.isdigit():
        tr, te, st = int(train), int(test), int(step)
        k = 0
        while True:
            a = 0 if anchored else k * st
            b = tr + k * st if anchored else a + tr
            c = b + te
            if c > len(df):
                return out
            out.append((a, b, c))
            k += 1
    idx = df.index
    t0, end = idx[0], idx[-1] + (idx[-1] - idx[-2])
    k = 0
    while True:
        ta = t0 if anchored else t0 + times(step, k)
        tb = (t0 + offset(train)) + times(step, k) if anchored else ta + offset(train)
        tc = tb + offset(test)
        if tc > end:
            return out
        a, b, c = (int(idx.searchsorted(t, side="left")) for t in (ta, tb, tc))
        if b > a and c > b:
            out.append((a, b, c))
        k += 1


CASES = [
    # name, strategy file, grid, constraint, maximize, train, test, step, anchored, settings
    ("rolling bars", "strategies/sma_cross.py", {"n1": [5, 10, 20], "n2": [20, 40, 60]}, True, "SQN",
     "500", "250", "250", False, {"commission": 0.002}),
    ("anchored bars, step 400", "strategies/rsi_threshold.py", {"rsi_window": [10, 14], "lower_bound": [25, 30]},
     False, "Sharpe Ratio", "600", "300", "400", True, {}),
    ("durations 2y / 6m", "strategies/sma_cross.py", {"n1": [5, 10], "n2": [20, 50]}, True, "Return [%]",
     "2y", "6m", "6m", False, {}),
]
OOS_KEYS = ["Equity Final [$]", "Return [%]", "# Trades", "Sharpe Ratio", "Max. Drawdown [%]", "SQN", "Win Rate [%]"]


def main():
    a = btgpu_args()
    tmp = tempfile.mkdtemp(prefix="btgpu-wf-")
    data = os.path.join(tmp, "GOOG.csv")
    GOOG.to_csv(data)
    bad = 0
    for name, path, grid, constraint, maximize, train, test, step, anchored, settings in CASES:
        cls = strategy_class(path)
        want = []
        for wa, wb, wc in windows(GOOG, train, test, step, anchored):
            kw = dict(grid)
            if constraint:
                kw["constraint"] = lambda p: p.n1 < p.n2
            stats, hm = Backtest(GOOG.iloc[wa:wb], cls, cash=10_000, **settings).optimize(
                maximize=maximize, return_heatmap=True, **kw)
            best = {k: stats._strategy.__dict__.get(k, getattr(stats._strategy, k)) for k in grid}
            oos = Backtest(GOOG.iloc[wb:wc], cls, cash=10_000, **settings).run(**best)
            want.append(((wa, wb, wc), best, float(hm.max()), oos))
        for backend in a.backend.split(","):
            out = os.path.join(tmp, "w.csv")
            cmd = [a.btgpu, "--method", "walk-forward", "--data", data, "--strategy", os.path.join(REPO, path),
                   "--maximize", maximize, "--train", train, "--test", test, "--step", step, "--backend", backend,
                   "--windows", out, "--quiet"]
            if anchored:
                cmd.append("--anchored")
            for k, vals in grid.items():
                cmd += ["--param", "%s=%s" % (k, ",".join(repr(v) for v in vals))]
            if constraint:
                cmd += ["--constraint", "n1 < n2"]
            if "commission" in settings:
                cmd += ["--commission", repr(settings["commission"])]
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            if p.returncode != 0:
                print("FAIL %s [%s]: btgpu exited %d: %s" % (name, backend, p.returncode, p.stderr.strip()))
                bad += 1
                continue
            rows = list(csv.DictReader(open(out)))
            errs = []
            if len(rows) != len(want):
                errs.append("%d windows, want %d" % (len(rows), len(want)))
            for r, ((wa, wb, wc), best, is_v, oos) in zip(rows, want):
                w = r["window"]
                if (int(r["train_bars"]), int(r["test_bars"])) != (wb - wa, wc - wb):
                    errs.append("window %s: %s+%s bars, want %d+%d" % (w, r["train_bars"], r["test_bars"], wb - wa,
                                                                      wc - wb))
                if pd.Timestamp(r["test_start"]) != GOOG.index[wb] or pd.Timestamp(r["train_start"]) != GOOG.index[wa]:
                    errs.append("window %s: starts %s / %s" % (w, r["train_start"], r["test_start"]))
                got = {k: type(best[k])(float(r[k])) if not isinstance(best[k], bool) else r[k] == "True"
                       for k in grid}
                if got != best:
                    errs.append("window %s: best %r, backtesting.py %r" % (w, got, best))
                    continue
                if not close(float(r["in-sample " + maximize]), is_v):
                    errs.append("window %s: in-sample %s vs %r" % (w, r["in-sample " + maximize], is_v))
                for k in OOS_KEYS:
                    if not close(float(r[k]), float(oos[k])):
                        errs.append("window %s: %s %s vs backtesting.py %r" % (w, k, r[k], float(oos[k])))
            if errs:
                bad += 1
                print("FAIL %s [%s]: %s" % (name, backend, "; ".join(errs[:6])))
            else:
                print("ok   %s [%s]: %d windows" % (name, backend, len(rows)))
    print("walk_forward_cases: %d cases, %d mismatches" % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
