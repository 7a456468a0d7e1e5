#!/usr/bin/env python3
"""btgpu's Python API beside backtesting.py 0.6.6 in the same process: the call
overhead on a tiny grid and the speed on a bigger one (SmaCross on GOOG, with
the heatmaps checked equal). Run it with a Python that has both packages, e.g.
the package tests' virtualenv (python/tests/run_tests.py makes it):

    ~/.cache/btgpu/python-venv-*/bin/python bench/python_api.py
"""

import os
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")
os.environ["PYTHONWARNINGS"] = "ignore"

import numpy as np  # noqa: E402
import backtesting  # noqa: E402
from backtesting.test import GOOG  # noqa: E402

import btgpu  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python", "tests"))
from conftest import load_class  # noqa: E402

SmaCross = load_class("strategies/sma_cross.py", "SmaCross")


def timed(fn, repeat):
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), out


def main():
    small = dict(n1=[5, 10], n2=[20, 30])
    big = dict(n1=range(5, 50, 2), n2=range(10, 200, 4))
    rows = []
    for name, grid, con, reps in (("4 combinations", small, None, 5),
                                  ("bigger grid", big, "n1 < n2", 1)):
        ours = btgpu.Backtest(GOOG, SmaCross)
        ref = backtesting.Backtest(GOOG, SmaCross)
        t_new, (s1, h1) = timed(lambda: ours.optimize(**grid, constraint=con, return_heatmap=True,
                                                      progress=False), max(reps, 3))
        t_ctor, _ = timed(lambda: btgpu.Backtest(GOOG, SmaCross).optimize(**grid, constraint=con,
                                                                          return_heatmap=True, progress=False),
                          max(reps, 3))
        lam = (lambda p: p.n1 < p.n2) if con else None
        t_ref, (s2, h2) = timed(lambda: ref.optimize(**grid, constraint=lam, return_heatmap=True), reps)
        assert h1.index.equals(h2.index) and np.allclose(h1.to_numpy(), h2.to_numpy(), rtol=1e-9, equal_nan=True)
        rows.append((name, len(h1), t_new, t_ctor, t_ref))
    print("| grid | combinations | btgpu optimize() | btgpu Backtest()+optimize() | backtesting.py optimize() | "
          "speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, a, b, c in rows:
        print("| %s | %d | %.2f ms | %.2f ms | %.0f ms | %.0fx |" % (name, n, a * 1e3, b * 1e3, c * 1e3, c / b))
    print("(%d CPU cores; medians; the heatmaps are equal)" % os.cpu_count())


if __name__ == "__main__":
    main()
