"""Several assets in one run against backtesting.py 0.6.6, asset by asset.

Run inside the parity virtualenv (run_parity.py --multi-asset does that):

    multi_asset_cases.py --btgpu PATH [--backend reference,cpu]

For each case: backtesting.py's Backtest(df, Strategy).optimize(..., return_heatmap=True)
on every asset (GOOG, EURUSD and GOOG's second half as a third series), and btgpu with
one --data per asset. Every asset's heatmap column must hold backtesting.py's heatmap
values (1e-9 relative: the heatmap's accumulators, as in a single-asset search), the
aggregate column exactly the aggregate of those columns (computed here), the best
combination the first maximum of that column and a maximum of backtesting.py's aggregate
(to 1e-9), and the --stats file each asset's backtesting.py statistics for it. Exit status 0 when every
case agrees, 1 otherwise.
"""
import csv
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import warnings

import pandas as pd
from backtesting import Backtest
from backtesting.test import EURUSD, GOOG

from parity_util import REPO, btgpu_args, close, strategy_class

warnings.filterwarnings("ignore")


def aggregate(how, vals):
    nums = [v for v in vals if v == v]
    if how == "nanmean":
        return sum(nums) / len(nums) if nums else math.nan
    if len(nums) < len(vals):
        return math.nan
    if how == "min":
        return min(vals)
    if how == "median":
        return statistics.median(vals)
    s = 0.0
    for v in vals:  # in asset order, as btgpu adds them
        s += v
    return s / len(vals)


CASES = [
    # name, strategy file, grid, constraint, maximize, aggregate, settings
    ("sma_cross, mean SQN", "strategies/sma_cross.py", {"n1": [5, 10, 15, 20], "n2": [20, 40, 60]}, True, "SQN",
     "mean", {"commission": 0.002}),
    ("rsi_threshold, min Sharpe", "strategies/rsi_threshold.py",
     {"rsi_window": [10, 14], "lower_bound": [25, 30], "upper_bound": [70, 75]}, False, "Sharpe Ratio", "min", {}),
    ("sma_cross, median Return", "strategies/sma_cross.py", {"n1": [5, 10], "n2": [20, 30, 50]}, True, "Return [%]",
     "median", {}),
]
KEYS = ["Equity Final [$]", "Return [%]", "# Trades", "Sharpe Ratio", "Max. Drawdown [%]", "SQN"]


def main():
    a = btgpu_args()
    tmp = tempfile.mkdtemp(prefix="btgpu-multi-")
    assets = {"GOOG": GOOG, "EURUSD": EURUSD, "GOOG_LATE": GOOG.iloc[1000:]}
    paths = []
    for name, df in assets.items():
        paths.append(os.path.join(tmp, name + ".csv"))
        df.to_csv(paths[-1])
    bad = 0
    for name, path, grid, constraint, maximize, how, settings in CASES:
        cls = strategy_class(path)
        heat = {}
        for aname, df in assets.items():
            bt = Backtest(df, cls, cash=10_000, **settings)
            kw = dict(grid)
            if constraint:
                kw["constraint"] = lambda p: p.n1 < p.n2
            _, hm = bt.optimize(maximize=maximize, return_heatmap=True, **kw)
            heat[aname] = hm
        combos = [c for c in itertools.product(*grid.values())
                  if not constraint or c[0] < c[1]]
        want = {c: [float(heat[n].get(c, math.nan)) for n in assets] for c in combos}
        agg = {c: aggregate(how, v) for c, v in want.items()}
        top = max((v for v in agg.values() if v == v), default=math.nan)
        for backend in a.backend.split(","):
            hpath, spath = os.path.join(tmp, "h.csv"), os.path.join(tmp, "s.json")
            cmd = [a.btgpu, "--method", "grid", "--strategy", os.path.join(REPO, path), "--maximize", maximize,
                   "--aggregate", how, "--backend", backend, "--heatmap", hpath, "--stats", spath, "--quiet"]
            for p in paths:
                cmd += ["--data", p]
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
            rows = list(csv.reader(open(hpath)))
            head, rows = rows[0], rows[1:]
            np_ = len(grid)
            errs = []
            if head[np_:] != list(assets) + ["%s %s" % (how, maximize)]:
                errs.append("header %r" % head)
            if len(rows) != len(combos):
                errs.append("%d rows, want %d" % (len(rows), len(combos)))
            best = None
            for r, c in zip(rows, combos):
                got = [float(x) for x in r[np_:]]
                for k, (g, w) in enumerate(zip(got[:-1], want[c])):
                    if not (close(g, w) or (g != g and w != w)):
                        errs.append("%s %s: %r vs backtesting.py %r" % (c, list(assets)[k], g, w))
                ga = aggregate(how, got[:-1])
                if not (got[-1] == ga or (got[-1] != got[-1] and ga != ga)):
                    errs.append("%s aggregate %r, want %r" % (c, got[-1], ga))
                if ga == ga and (best is None or ga > best[1]):
                    best = (c, ga)
            best = best[0] if best else combos[0]
            if top == top and not close(agg[best], top):
                errs.append("best %r: backtesting.py's aggregate %r, its maximum %r" % (best, agg[best], top))
            st = json.load(open(spath))
            for aname, df in assets.items():
                params = st["assets"][aname]["params"]
                if tuple(params[k] for k in grid) != best:
                    errs.append("%s: best %r, want %r" % (aname, params, best))
                    continue
                ref = Backtest(df, cls, cash=10_000, **settings).run(**dict(zip(grid, best)))
                for k in KEYS:
                    g, w = st["assets"][aname]["stats"][k], float(ref[k])
                    if not close(g, None if w != w else w):
                        errs.append("%s %s: %r vs backtesting.py %r" % (aname, k, g, w))
            if errs:
                bad += 1
                print("FAIL %s [%s]: %s" % (name, backend, "; ".join(errs[:6])))
            else:
                print("ok   %s [%s]: %d combinations x %d assets, best %r" % (name, backend, len(combos), len(assets),
                                                                           best))
    print("multi_asset_cases: %d cases, %d mismatches" % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
