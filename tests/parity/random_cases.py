"""backtesting.py 0.6.6's randomized grid against btgpu's --max-tries / --random-state.

Run inside the parity virtualenv (run_parity.py --random-search does that):

    random_cases.py --btgpu PATH [--backend reference,cpu[,opencl]]

For each case, backtesting.py's Backtest.optimize(..., max_tries=M, random_state=S,
return_heatmap=True) on its own GOOG or EURUSD data with the built-in sma_cross's own
file (strategies/sma_cross.py) against `btgpu --max-tries M --random-state S --heatmap`: the sampled
combinations (the heatmap's index, in order) must be the same, every value equal within
1e-9 relative (NaN for no trades on both sides), and the best parameters the same. Every
backend and --threads 1 and 2 must write the same heatmap bytes. Cases cover counts below
and above the grid size, fractions, 1 (everything), seeds 0 and above 2^32, with and
without a constraint, grids below and above 10,000 combinations (backtesting.py sizes
the fraction by the admissible count below 10,000), and one with --method random.
Exit status 0 when every case agrees, 1 otherwise.
"""
import argparse
import importlib.util
import math
import os
import subprocess
import sys
import tempfile
import warnings

import pandas as pd
from backtesting import Backtest
from backtesting.test import EURUSD, GOOG

warnings.filterwarnings("ignore")


def builtin_sma_cross():
    """The built-in sma_cross's own file (strategies/sma_cross.py), imported."""
    repo = os.environ.get("BTGPU_REPO") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    spec = importlib.util.spec_from_file_location("sma_cross", os.path.join(repo, "strategies", "sma_cross.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules["sma_cross"] = mod  # optimize()'s worker processes unpickle the class by module name
    spec.loader.exec_module(mod)
    return mod.SmaCross


SmaCross = builtin_sma_cross()


DATA_DIR = os.path.join(os.path.dirname(sys.modules["backtesting.test"].__file__))
DATA = {"GOOG": (GOOG, os.path.join(DATA_DIR, "GOOG.csv")), "EURUSD": (EURUSD, os.path.join(DATA_DIR, "EURUSD.csv"))}

# data, grid (name -> range), constraint, max_tries (as typed), random_state, method
CASES = [
    ("GOOG", {"n1": range(5, 30, 5), "n2": range(10, 70, 5)}, True, "7", 1, "grid"),
    ("GOOG", {"n1": range(5, 25, 5), "n2": range(10, 70, 5)}, True, "7", 0, "random"),
    ("GOOG", {"n1": range(2, 40, 1), "n2": range(10, 200, 3)}, True, "0.05", 12345, "grid"),
    ("GOOG", {"n1": range(2, 40, 1), "n2": range(10, 200, 3)}, False, "100", 2 ** 40 + 3, "random"),
    ("GOOG", {"n1": range(2, 60, 1), "n2": range(10, 400, 2)}, True, "300", 7, "grid"),
    ("GOOG", {"n1": range(5, 30, 5), "n2": range(10, 70, 5)}, True, "1", 3, "grid"),
    ("GOOG", {"n1": range(5, 30, 5), "n2": range(10, 70, 5)}, False, "1000", 99, "grid"),
    ("EURUSD", {"n1": range(3, 33, 3), "n2": range(20, 120, 4)}, True, "0.3", 2 ** 63 + 11, "random"),
]


def btgpu_heatmap(btgpu, csv, grid, constraint, max_tries, seed, method, backend, threads, path):
    cmd = [btgpu, "--method", method, "--data", csv, "--maximize", "Equity Final [$]", "--max-tries", max_tries,
           "--random-state", str(seed), "--quiet", "--heatmap", path, "--backend", backend,
           "--threads", str(threads)]
    for k, r in grid.items():
        cmd += ["--param", "%s=%d:%d:%d" % (k, r.start, r.stop, r.step)]
    if constraint:
        cmd += ["--constraint", "n1 < n2"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr))
    with open(path, "rb") as f:
        return f.read()


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--backend", default="reference,cpu")
    a = ap.parse_args()
    backends = a.backend.split(",")
    bad = 0
    tmp = tempfile.mkdtemp(prefix="btgpu-random-")
    for i, (data, grid, constraint, mt, seed, method) in enumerate(CASES):
        df, csv = DATA[data]
        bt = Backtest(df, SmaCross, cash=10_000)
        kw = dict(grid)
        if constraint:
            kw["constraint"] = lambda p: p.n1 < p.n2
        max_tries = float(mt) if "." in mt else int(mt)
        stats, heat = bt.optimize(**kw, maximize="Equity Final [$]", max_tries=max_tries, random_state=seed,
                                  return_heatmap=True)
        theirs = [(tuple(int(x) for x in k), float(v)) for k, v in heat.items()]
        outputs = {}
        for backend in backends:
            for threads in (1, 2):
                path = os.path.join(tmp, "h-%d-%s-%d.csv" % (i, backend, threads))
                outputs[(backend, threads)] = btgpu_heatmap(a.btgpu, csv, grid, constraint, mt, seed, method,
                                                            backend, threads, path)
        first = next(iter(outputs.values()))
        same_bytes = all(o == first for o in outputs.values())
        mine = pd.read_csv(os.path.join(tmp, "h-%d-%s-1.csv" % (i, backends[0])))
        ours = [((int(r[0]), int(r[1])), float(r[2])) for r in mine.itertuples(index=False)]
        same_index = [k for k, _ in theirs] == [k for k, _ in ours]
        same_values = same_index and all(close(x[1], y[1]) for x, y in zip(theirs, ours))
        best = tuple(int(getattr(stats._strategy, k)) for k in grid)
        finite = [v for _, v in ours if not math.isnan(v)]
        # btgpu's choice: the first maximum in heatmap order (the first combination when all are NaN)
        our_best = next(k for k, v in ours if v == max(finite)) if finite else ours[0][0]
        ok = same_bytes and same_index and same_values and best == our_best
        bad += not ok
        print("%s case %d: %s %s, max_tries %s, random_state %d, method %s: backtesting.py kept %d, btgpu %d; "
              "best %s / %s%s" % ("ok  " if ok else "FAIL", i, data, "constraint" if constraint else "no constraint",
                                  mt, seed, method, len(theirs), len(ours), best, our_best,
                                  "" if same_bytes else "; backends or thread counts differ"))
    print("random_cases: %d cases, %d failures" % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
