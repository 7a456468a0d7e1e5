"""btgpu benchmark: btgpu beside backtesting.py 0.6.6 and vectorbt, measured
in one run on one machine, results verified before they are timed.

Run it through bench/run.sh, which builds btgpu and prepares the virtualenv
with the pinned peers (bench/requirements.txt). Prints Markdown tables and
writes them, with a CSV of every row, to --out (default build/bench).

Throughput unit: bar*combos per second = bars x combinations / wall seconds.
btgpu is timed as a whole process (CSV load included) with the median of
--repeat runs; backtesting.py's Backtest.optimize() as users call it
(multiprocessing pool, fork); vectorbt's from_signals on its run_combs idiom
after one warm-up call (numba compilation excluded).

The compiled-strategies section (--strategies alone, --skip-strategies to
leave it out) sweeps built-in Python strategies that btgpu compiles
(strategies/*.py: rsi_threshold and bollinger_revert call TA-Lib, ema_cross
pandas ewm) on GOOG: btgpu over a full grid, backtesting.py over a sub-grid
(it is slow), after checking that both give the same heatmap, best
parameters and best value on that sub-grid.
"""
import argparse
import collections
import csv
import io
import itertools
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bars in backtesting.py's loops (vectorbt pulls tqdm in)

import backtesting  # noqa: E402
from backtesting import Backtest  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "parity"))
from bt_oracle import SmaCross, ExprConstraint, py_scalar  # noqa: E402  (shared with the parity tests)

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    return "%s, %d cores, %s, Python %s" % (cpu, os.cpu_count(), platform.platform(terse=True),
                                          platform.python_version())


def btgpu_run(btgpu, args, repeat):
    """Median wall time of `btgpu args` (whole process) and its last summary."""
    times, out = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run([btgpu] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        times.append(time.perf_counter() - t)
        if p.returncode != 0:
            raise SystemExit("btgpu failed (%d): %s\n%s" % (p.returncode, " ".join(args), p.stderr))
        out = p.stdout
    rss = re.search(r"peak RSS ([0-9.]+) MiB", out)
    return statistics.median(times), (float(rss.group(1)) if rss else float("nan")), out


def grid_args(n1, n2, constraint=True):
    a = ["--param", "n1=" + ",".join(map(str, n1)), "--param", "n2=" + ",".join(map(str, n2))]
    return a + (["--constraint", "n1 < n2"] if constraint else [])


def read_heatmap(path):
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        return {(int(a), int(b)): float(v) for a, b, v in r}


def btgpu_heatmap(btgpu, data, n1, n2, backend, extra=()):
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as f:
        path = f.name
    try:
        subprocess.run([btgpu, "--method", "grid", "--data", data, "--quiet", "--backend", backend,
                        "--maximize", "Equity Final [$]", "--commission", "0.002", "--heatmap", path]
                       + grid_args(n1, n2) + list(extra), check=True)
        return read_heatmap(path)
    finally:
        os.unlink(path)


def same_heatmap(a, b):
    if a.keys() != b.keys():
        return False
    return all((np.isnan(a[k]) and np.isnan(b[k])) or a[k] == b[k] for k in a)


def bt_optimize(df, n1, n2):
    bt = Backtest(df, SmaCross, cash=10000, commission=0.002)
    t = time.perf_counter()
    _, heat = bt.optimize(n1=list(n1), n2=list(n2), constraint=lambda p: p.n1 < p.n2,
                          maximize="Equity Final [$]", return_heatmap=True)
    dt = time.perf_counter() - t
    return dt, {(int(a), int(b)): float(v) for (a, b), v in heat.items()}


def vbt_rate(close, windows, repeat):
    """vectorbt's documented grid idiom: MA.run_combs + from_signals."""
    import vectorbt as vbt

    def once():
        fast, slow = vbt.MA.run_combs(close, window=windows, r=2, short_names=["fast", "slow"])
        entries = fast.ma_crossed_above(slow)
        exits = fast.ma_crossed_below(slow)
        pf = vbt.Portfolio.from_signals(close, entries, exits, init_cash=10000, fees=0.002, direction="both",
                                        freq="1D")
        return pf.final_value()

    once()  # numba compilation
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fv = once()
        times.append(time.perf_counter() - t)
    return statistics.median(times), len(fv)


def synth(btgpu, bars, seed, folder):
    path = os.path.join(folder, "synth-%d-%d.csv" % (bars, seed))
    if not os.path.exists(path):
        subprocess.run([btgpu, "synth", "--bars", str(bars), "--seed", str(seed), "--output", path], check=True)
    return path


def md_table(header, rows):
    out = io.StringIO()
    out.write("| " + " | ".join(header) + " |\n|" + "|".join("---" for _ in header) + "|\n")
    for r in rows:
        out.write("| " + " | ".join(str(x) for x in r) + " |\n")
    return out.getvalue()


def fmt(x, digits=3):
    if isinstance(x, float):
        if np.isnan(x):
            return "n/a"
        return "%.*g" % (digits, x)
    return str(x)


# --------------------------------------------------------------------------
# Compiled strategies: Python Strategy files that btgpu compiles and runs with
# its interpreter (cpu: OpenMP over the combinations; reference: the same
# path), against backtesting.py's optimize() on a sub-grid.
# (built-in name, class, btgpu's full grid, constraint, backtesting.py's sub-grid)
# --------------------------------------------------------------------------

STRATEGY_GRIDS = [
    ("rsi_threshold", "RsiOscillator",
     [("rsi_window", "10:30:2"), ("lower_bound", "10:45:5"), ("upper_bound", "55:85:5")], "lower_bound < upper_bound",
     [("rsi_window", [10, 14, 20, 28]), ("lower_bound", [20, 30, 40]), ("upper_bound", [60, 70, 80])]),
    ("bollinger_revert", "BollingerRevert",
     [("n", "10:60:2"), ("k", "1.0:3.01:0.125")], None,
     [("n", [10, 20, 30, 40]), ("k", [1.0, 1.5, 2.0, 2.5, 3.0])]),
    ("ema_cross", "EmaCross",
     [("n1", "2:52:2"), ("n2", "10:210:5")], "n1 < n2",
     [("n1", [5, 10, 20]), ("n2", [30, 60, 100, 150])]),
]
STRATEGY_SETTINGS = ["--commission", "0.002", "--maximize", "Equity Final [$]"]


def load_strategy_class(name, cls):
    """strategies/NAME.py imported under a module name registered in
    sys.modules, so optimize()'s forked workers can unpickle the class."""
    import importlib.util
    mod_name = "btgpu_bench_" + name
    if mod_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(mod_name, os.path.join(REPO, "strategies", name + ".py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = mod
        spec.loader.exec_module(mod)
    return getattr(sys.modules[mod_name], cls)


def param_args(grid):
    out = []
    for name, values in grid:
        out += ["--param", "%s=%s" % (name, values if isinstance(values, str) else ",".join(map(repr, values)))]
    return out


def read_heatmap_any(path):
    """heatmap CSV -> ({param tuple (floats): value}, param names)."""
    with open(path) as f:
        r = csv.reader(f)
        names = next(r)[:-1]
        return {tuple(float(x) for x in row[:-1]): float(row[-1]) for row in r}, names


def btgpu_check(btgpu, data, name, grid, constraint, backend):
    """btgpu on the sub-grid: (heatmap, best params dict, best value)."""
    import json
    folder = tempfile.mkdtemp()
    heat, stats = os.path.join(folder, "h.csv"), os.path.join(folder, "s.json")
    try:
        p = subprocess.run([btgpu, "--method", "grid", "--data", data, "--strategy", name, "--backend", backend,
                            "--quiet", "--heatmap", heat, "--stats", stats] + STRATEGY_SETTINGS + param_args(grid)
                           + (["--constraint", constraint] if constraint else []),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if p.returncode != 0:
            raise SystemExit("btgpu failed (%d) on %s: %s" % (p.returncode, name, p.stderr))
        h, _ = read_heatmap_any(heat)
        with open(stats) as f:
            js = json.load(f)
        return h, js["params"], js["stats"]["Equity Final [$]"]
    finally:
        for f in (heat, stats):
            if os.path.exists(f):
                os.unlink(f)
        os.rmdir(folder)


def bt_optimize_grid(df, cls, grid, constraint):
    """backtesting.py's optimize() as users call it: (seconds, heatmap, best params, best value)."""
    bt = Backtest(df, cls, cash=10000, commission=0.002)
    t = time.perf_counter()
    stats, heat = bt.optimize(maximize="Equity Final [$]", return_heatmap=True,
                              constraint=ExprConstraint(constraint) if constraint else None,
                              **collections.OrderedDict(grid))
    dt = time.perf_counter() - t
    h = {tuple(float(x) for x in np.atleast_1d(k)): float(v) for k, v in heat.items()}
    best = {n: py_scalar(getattr(stats._strategy, n)) for n, _ in grid}
    return dt, h, best, float(stats["Equity Final [$]"])


def same_best(a, b):
    return a.keys() == b.keys() and all(type(a[k]) is type(b[k]) and a[k] == b[k] for k in a)


def strategies_section(a, goog, goog_df):
    try:
        import talib
    except ImportError:
        raise SystemExit("the compiled-strategies benchmark needs TA-Lib (bench/requirements.txt pins 0.6.8): "
                         "run it through bench/run.sh")
    bars = len(goog_df)
    bt_runs = 1 if a.quick else max(1, min(3, a.repeat))
    rows, csv_rows, notes, grids = [], [], [], []
    if talib.__version__ != "0.6.8":
        log("WARNING: TA-Lib %s, not the 0.6.8 that btgpu's indicators match" % talib.__version__)
        notes.append("TA-Lib %s, not 0.6.8" % talib.__version__)
    for name, cls_name, full, constraint, sub in STRATEGY_GRIDS:
        with open(os.path.join(REPO, "strategies", name + ".py")) as f:
            text = f.read()
        shown = subprocess.run([a.btgpu, "show", name], stdout=subprocess.PIPE, universal_newlines=True).stdout
        if shown.strip() != text.strip():
            log("WARNING: btgpu's built-in %s differs from strategies/%s.py (rebuild btgpu)" % (name, name))
            notes.append("btgpu's built-in %s differs from strategies/%s.py" % (name, name))
        cls = load_strategy_class(name, cls_name)
        sub_combos = 1
        for _, v in sub:
            sub_combos *= len(v)
        # 1. verification on the sub-grid, before any timing
        log("%s: backtesting.py optimize on %d combinations (x%d), verifying btgpu" % (name, sub_combos, bt_runs))
        bt_times = []
        dt, bt_h, bt_best, bt_value = bt_optimize_grid(goog_df, cls, sub, constraint)
        bt_times.append(dt)
        sub_combos = len(bt_h)  # the admissible ones
        agree = {}
        for backend in ("cpu", "reference"):
            h, best, value = btgpu_check(a.btgpu, goog, name, sub, constraint, backend)
            agree[backend] = same_heatmap(h, bt_h) and same_best(best, bt_best) and value == bt_value
            if not agree[backend]:
                log("MISMATCH %s --backend %s: btgpu best %s = %r, backtesting.py best %s = %r, heatmaps %s"
                    % (name, backend, best, value, bt_best, bt_value,
                       "equal" if same_heatmap(h, bt_h) else "differ"))
        # 2. timing: backtesting.py on the sub-grid, btgpu (whole process) on the full grid
        for _ in range(bt_runs - 1):
            bt_times.append(bt_optimize_grid(goog_df, cls, sub, constraint)[0])
        bt_t = statistics.median(bt_times)
        bt_rate = bars * sub_combos / bt_t
        args = (["--method", "grid", "--data", goog, "--strategy", name] + STRATEGY_SETTINGS + param_args(full)
                + (["--constraint", constraint] if constraint else []))
        res = {}
        for label, extra in (("cpu", ["--backend", "cpu"]), ("reference", ["--backend", "reference"]),
                             ("cpu1", ["--backend", "cpu", "--threads", "1"])):
            log("%s: btgpu %s on the full grid (x%d)" % (name, " ".join(extra), a.repeat))
            t, rss, out = btgpu_run(a.btgpu, args + extra, a.repeat)
            m = re.search(r"Combinations:\s+(\d+) admissible of (\d+)(?: \((\d+) without trades\))?", out)
            combos, no_trade = int(m.group(1)), int(m.group(3) or 0)
            res[label] = (t, bars * combos / t)
        grids.append("%s: btgpu %s; backtesting.py %s" % (
            name, " x ".join("%s=%s" % nv for nv in full) + (" with " + constraint if constraint else ""),
            " x ".join("%s=%s" % (n, ",".join(map(repr, v))) for n, v in sub)))
        rows.append([name, bars, "%d / %d" % (combos, sub_combos), fmt(bt_rate), fmt(res["cpu"][1]),
                     fmt(res["reference"][1]), fmt(res["cpu1"][1]), fmt(res["cpu"][1] / bt_rate, 4),
                     fmt(res["reference"][1] / bt_rate, 4),
                     "%s / %s" % ("yes" if agree["cpu"] else "NO", "yes" if agree["reference"] else "NO")])
        csv_rows.append(["strategies", name, bars, combos, no_trade, sub_combos, bt_t, bt_rate,
                         res["cpu"][0], res["cpu"][1], res["reference"][0], res["reference"][1],
                         res["cpu1"][0], res["cpu1"][1], agree["cpu"], agree["reference"]])
    header = ["strategy", "bars", "combos btgpu / backtesting.py", "backtesting.py bar*combos/s",
              "btgpu cpu", "btgpu reference", "btgpu cpu --threads 1", "x backtesting.py (cpu)",
              "x backtesting.py (reference)", "== backtesting.py (cpu / reference)"]
    md = ("\n## Compiled strategies on GOOG (bar*combos/s; whole process for btgpu, median of %d; "
          "backtesting.py optimize(), median of %d)\n\n" % (a.repeat, bt_runs) + md_table(header, rows)
          + "\nGrids: " + "; ".join(grids) + ".\n"
          + "\nbtgpu compiles the built-in Python files (strategies/NAME.py) and runs each combination with its "
            "interpreter, in parallel over the combinations (the reference backend takes the same path for a "
            "compiled strategy); backtesting.py 0.6.6 runs the same classes imported from those files "
            "(TA-Lib %s) with optimize() (multiprocessing) over a sub-grid, as it is slow. Both use cash 10000, "
            "commission 0.002 and maximize 'Equity Final [$]'. '== backtesting.py': on the sub-grid btgpu's "
            "heatmap, best parameters and best value equal backtesting.py's, checked before anything is timed. "
            "Load average at the end: %s.\n"
          % (talib.__version__, " ".join("%.1f" % x for x in os.getloadavg())))
    for n in notes:
        md += "\nWARNING: %s\n" % n
    return md, csv_rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--out", default="build/bench")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a few minutes less)")
    ap.add_argument("--huge", action="store_true", help="also run 10^8 combinations x 2,148 bars (minutes)")
    ap.add_argument("--skip-vectorbt", action="store_true")
    ap.add_argument("--strategies", action="store_true", help="only the compiled-strategies section")
    ap.add_argument("--skip-strategies", action="store_true", help="leave the compiled-strategies section out")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    data_dir = os.path.join(a.out, "data")
    os.makedirs(data_dir, exist_ok=True)
    goog = os.path.join(os.path.dirname(backtesting.__file__), "test", "GOOG.csv")
    goog_df = pd.read_csv(goog, index_col=0, parse_dates=True)
    csv_rows = []
    md = ["# btgpu benchmark\n", "%s; measured %s.\n" % (machine(), time.strftime("%Y-%m-%d"))]
    if not a.strategies:
        peer_sections(a, goog, goog_df, data_dir, md, csv_rows)
    if not a.skip_strategies:
        text, rows = strategies_section(a, goog, goog_df)
        md.append(text)
        csv_rows += rows
    finish(a, md, csv_rows)


def peer_sections(a, goog, goog_df, data_dir, md, csv_rows):

    # 1. peers on GOOG: the same grid for everyone, heatmaps checked first
    n1, n2 = list(range(5, 55, 5)), list(range(10, 210, 10))
    combos = sum(1 for x, y in itertools.product(n1, n2) if x < y)
    bars = len(goog_df)
    log("GOOG %d bars x %d combinations: verifying heatmaps" % (bars, combos))
    ref = btgpu_heatmap(a.btgpu, goog, n1, n2, "reference")
    cpu = btgpu_heatmap(a.btgpu, goog, n1, n2, "cpu")
    bt_time, bt_heat = bt_optimize(goog_df, n1, n2)
    agree_ref = same_heatmap(ref, bt_heat)
    agree_cpu = same_heatmap(cpu, bt_heat)
    rows = []
    bt_rate = bars * combos / bt_time
    for name, backend, agree in (("btgpu cpu", "cpu", agree_cpu), ("btgpu reference", "reference", agree_ref)):
        t, rss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", goog, "--backend", backend, "--maximize",
                                        "Equity Final [$]", "--commission", "0.002"] + grid_args(n1, n2), a.repeat)
        rate = bars * combos / t
        rows.append([name, bars, combos, fmt(t), fmt(combos / t), fmt(rate), fmt(rate / bt_rate, 4),
                     "yes" if agree else "NO"])
    rows.append(["backtesting.py 0.6.6 optimize", bars, combos, fmt(bt_time), fmt(combos / bt_time), fmt(bt_rate),
                 "1", "-"])
    header = ["engine", "bars", "combos", "wall s", "combos/s", "bar*combos/s", "x backtesting.py",
              "heatmap == backtesting.py"]
    md.append("\n## SmaCross on GOOG (whole process for btgpu, median of %d)\n\n" % a.repeat + md_table(header, rows))
    csv_rows += [["goog"] + r for r in rows]

    # 2. the headline: 200,000 bars x ~10^4 combinations, peers on subsets.
    #    Two grids: typical windows, and short windows whose frequent trades
    #    exercise the (scalar) fill path much more.
    big_bars = 50000 if a.quick else 200000
    big = synth(a.btgpu, big_bars, 1, data_dir)
    grids = [("typical windows: n1 = 10..108 step 2, n2 = 20..418 step 2, n1 < n2",
              list(range(10, 110, 2)), list(range(20, 420, 2))),
             ("short windows: n1, n2 = 5..146, n1 < n2 (a trade every few bars)",
              list(range(5, 147)), list(range(5, 147)))]
    big_df = pd.read_csv(big, index_col=0, parse_dates=True)
    sub1, sub2 = [10, 20], [30, 60]
    log("backtesting.py on %d bars x 4 combinations" % big_bars)
    bt_t, bt_h = bt_optimize(big_df, sub1, sub2)
    bt_big_rate = big_bars * 4 / bt_t
    agree = same_heatmap(btgpu_heatmap(a.btgpu, big, sub1, sub2, "cpu"), bt_h)
    vrate = float("nan")
    if not a.skip_vectorbt:
        vw = list(range(5, 26))  # C(21, 2) = 210 combinations
        log("vectorbt on %d bars x %d combinations" % (big_bars, len(vw) * (len(vw) - 1) // 2))
        vt, vc = vbt_rate(big_df["Close"], vw, max(1, a.repeat // 2))
        vrate = big_bars * vc / vt
    devices = subprocess.run([a.btgpu, "devices"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True)
    rows = []
    for label, g1, g2 in grids:
        big_combos = sum(1 for x, y in itertools.product(g1, g2) if x < y)
        log("%d bars x %d combinations (%s)" % (big_bars, big_combos, label))
        t, rss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", big, "--maximize", "Equity Final [$]",
                                        "--commission", "0.002"] + grid_args(g1, g2), max(1, a.repeat // 2))
        rate = big_bars * big_combos / t
        rows.append(["btgpu cpu, " + label, big_combos, fmt(t), fmt(rate), fmt(rss, 4), fmt(rate / bt_big_rate, 4),
                     fmt(rate / vrate, 4)])
        if g1 == grids[0][1]:
            # a statistic of the equity curve (per-bar accumulators, no crossing path)
            log("the same grid maximizing the Sharpe Ratio")
            t, rss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", big, "--maximize", "Sharpe Ratio",
                                            "--commission", "0.002"] + grid_args(g1, g2), max(1, a.repeat // 2))
            rate = big_bars * big_combos / t
            rows.append(["btgpu cpu, same grid, --maximize 'Sharpe Ratio' (per-bar statistics)", big_combos, fmt(t),
                         fmt(rate), fmt(rss, 4), fmt(rate / bt_big_rate, 4), fmt(rate / vrate, 4)])
        if devices.returncode == 0:
            for line in devices.stdout.splitlines()[1:]:
                idx, name = line[:3].strip(), line[4:44].strip()
                if not idx.isdigit():
                    continue
                log("OpenCL device %s (%s)" % (idx, name))
                btgpu_run(a.btgpu, ["--method", "grid", "--data", "synth:300:1", "--backend", "opencl", "--device",
                                    idx, "--quiet"], 1)  # builds and caches the program
                ct, crss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", big, "--maximize", "Equity Final [$]",
                                                  "--commission", "0.002", "--backend", "opencl", "--device", idx]
                                        + grid_args(g1, g2), 1)
                crate = big_bars * big_combos / ct
                rows.append(["btgpu opencl on %s, same grid" % name, big_combos, fmt(ct), fmt(crate), fmt(crss, 4),
                             fmt(crate / bt_big_rate, 4), fmt(crate / vrate, 4)])
    rows.append(["backtesting.py 0.6.6 optimize (heatmap == btgpu: %s)" % ("yes" if agree else "NO"), 4, fmt(bt_t),
                 fmt(bt_big_rate), "-", "1", "-"])
    if not a.skip_vectorbt:
        rows.append(["vectorbt 1.2.0 from_signals (different semantics)", 210, fmt(vt), fmt(vrate), "-", "-", "1"])
    header = ["engine and grid", "combos", "wall s", "bar*combos/s", "peak RSS MiB", "x backtesting.py",
              "x vectorbt"]
    md.append("\n## %d synthetic bars (whole process for btgpu)\n\n" % big_bars + md_table(header, rows))
    md.append("\nbacktesting.py runs 4 of the combinations (a full run would take hours); its rate is "
              "bar*combos per second of optimize() on them, and its heatmap is compared with btgpu's on them. "
              "vectorbt fills at the signal bar's close, with fractional sizes, so its numbers differ from "
              "backtesting.py's; it holds every bar x combination array in memory, so it runs 210 combinations.\n")
    csv_rows += [["headline"] + r for r in rows]

    # 3. btgpu alone across sizes; every window fits the series, so every
    #    combination is simulated (n1 == n2 pairs are skipped: they never cross)
    sizes = [(1000, (2, 12), (20, 30)), (1000, (2, 102), (110, 210)), (1000, (1, 1001), (1, 1001)),
             (10000, (2, 12), (20, 30)), (10000, (2, 102), (110, 210)), (10000, (1, 1001), (1, 1001)),
             (100000, (2, 12), (20, 30)), (100000, (2, 102), (110, 210)),
             (1000000, (2, 12), (20, 30)), (1000000, (2, 32), (40, 70))]
    if a.quick:
        sizes = [s for s in sizes if s[0] * (s[1][1] - s[1][0]) * (s[2][1] - s[2][0]) <= 1e9]
    if a.huge:
        sizes.append((10000, (1, 3163), (1, 3163)))
    rows = []
    for nb, (a1, b1), (a2, b2) in sizes:
        path = synth(a.btgpu, nb, 2, data_dir)
        nc = (b1 - a1) * (b2 - a2)
        log("sizes: %d bars x %d combinations" % (nb, nc))
        t, rss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", path, "--maximize", "Equity Final [$]",
                                        "--commission", "0.002", "--param", "n1=%d:%d" % (a1, b1),
                                        "--param", "n2=%d:%d" % (a2, b2)], 1 if nb * nc > 1e9 else 3)
        rows.append([nb, nc, fmt(t), fmt(nb * nc / t), fmt(rss, 4)])
    if a.huge:
        log("10^8 combinations x 2,148 bars (GOOG)")
        t, rss, _ = btgpu_run(a.btgpu, ["--method", "grid", "--data", goog, "--maximize", "Equity Final [$]",
                                        "--commission", "0.002", "--param", "n1=1:10001", "--param", "n2=1:10001"], 1)
        rows.append(["%d (windows 1..10,000: 98%% of the combinations never trade)" % bars, 10 ** 8, fmt(t),
                     fmt(bars * 1e8 / t), fmt(rss, 4)])
    md.append("\n## btgpu cpu backend across sizes (whole process)\n\n"
              + md_table(["bars", "combos", "wall s", "bar*combos/s", "peak RSS MiB"], rows))
    csv_rows += [["sizes"] + [str(x) for x in r] for r in rows]


def finish(a, md, csv_rows):
    text = "".join(md)
    print(text)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(text)
    with open(os.path.join(a.out, "results.csv"), "w", newline="") as f:
        csv.writer(f).writerows(csv_rows)
    log("wrote %s/results.md and results.csv" % a.out)


if __name__ == "__main__":
    main()
