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
leave it out) sweeps backtesting.py Strategy files that btgpu compiles on
GOOG: every built-in strategy (strategies/*.py, sma_cross both natively and
from its file, timed interleaved), one file per order kind
(bench/strategies/: limit entries, SL/TP brackets, a trailing stop), and a
per-bar statistic (Sharpe Ratio) for some of them. btgpu runs a typical full
grid (--threads 2); backtesting.py runs Backtest.run() sequentially over a
few combinations of the same grid and file, whose values are checked against
btgpu's heatmap before anything is timed. It writes strategies.md and
strategies.csv beside results.md.
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
from bt_oracle import SmaCross  # noqa: E402  (shared with the parity tests)

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
        m = re.search(r"model name\s*:\s*(.*)", info)
        cpu = m.group(1).strip() if m else cpu
        ids = [re.search(r"^%s\s*:\s*(\S+)" % k, info, re.M) for k in ("cpu family", "model", "stepping")]
        if all(ids):
            cpu += " (family %s model %s stepping %s)" % tuple(x.group(1) for x in ids)
        flags = re.search(r"^flags\s*:(.*)$", info, re.M)
        flags = set(flags.group(1).split()) if flags else set()
        simd = [f for f in ("avx512f", "avx2", "avx") if f in flags][:1]
        if simd:
            cpu += ", " + simd[0].upper()
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
# Compiled strategies: backtesting.py Strategy files that btgpu compiles (the
# built-in strategies/*.py and the order-kind files in bench/strategies/), on
# GOOG, one row per strategy and statistic: btgpu over a typical full grid
# (whole process, --threads 2) against backtesting.py's Backtest.run() in a
# sequential loop over a few combinations of that grid, whose values are
# checked against btgpu's heatmap first.
# --------------------------------------------------------------------------

STRATEGY_THREADS = 2       # btgpu --threads for every row of the section
STRATEGY_BT_COMBOS = 6     # combinations backtesting.py runs per row (spread over the grid)
STRATEGY_CASH, STRATEGY_COMMISSION = 10000, 0.002
STRATEGY_RTOL = 1e-9       # the parity contract for heatmap values

SMA_GRID = [("n1", "2:52:1"), ("n2", "10:210:5")]
SMA_BIG_GRID = [("n1", "2:202:1"), ("n2", "10:410:2")]   # about 38,000 combinations
BRACKET_GRID = [("n1", "5:55:5"), ("n2", "10:110:5"), ("sl_pct", "0.02,0.03,0.05,0.1"), ("tp_pct", "0.05,0.1,0.2")]

# label, --strategy, Python file (relative to the repository), what it exercises,
# full grid [(name, btgpu --param values)], constraint, --maximize, timing group:
# rows of one group (the native sma_cross and its file) are timed interleaved.
STRATEGY_ROWS = [
    ("sma_cross (native)", "sma_cross", "strategies/sma_cross.py", "SMA cross, market orders; SIMD lanes",
     SMA_GRID, "n1 < n2", "SQN", "sma-sqn"),
    ("sma_cross (file)", "strategies/sma_cross.py", "strategies/sma_cross.py", "the same file, compiled",
     SMA_GRID, "n1 < n2", "SQN", "sma-sqn"),
    ("ema_cross", "ema_cross", "strategies/ema_cross.py", "pandas ewm cross, long/short market orders",
     [("n1", "2:52:1"), ("n2", "10:210:5")], "n1 < n2", "SQN", None),
    ("rsi_threshold", "rsi_threshold", "strategies/rsi_threshold.py", "talib.RSI crossing bounds, long only",
     [("rsi_window", "5:25:1"), ("lower_bound", "20:45:1"), ("upper_bound", "55:85:5")], None, "SQN", None),
    ("bollinger_revert", "bollinger_revert", "strategies/bollinger_revert.py",
     "talib.BBANDS, limit entry re-placed + TP", [("n", "10:60:1"), ("k", "1.0:3.01:0.125")], None, "SQN", None),
    ("macd_cross", "macd_cross", "strategies/macd_cross.py", "talib.MACD cross, long only",
     [("fast", "4:24:1"), ("slow", "20:60:4"), ("signal", "5:15:2")], "fast < slow", "SQN", None),
    ("donchian_breakout", "donchian_breakout", "strategies/donchian_breakout.py",
     "rolling max/min breakout, TrailingStrategy ATR stop",
     [("n", "10:110:5"), ("atr_mult", "1.0:5.5:0.25"), ("atr_periods", "20,50,100")], None, "SQN", None),
    ("limit_dip", "bench/strategies/limit_dip.py", "bench/strategies/limit_dip.py",
     "order kind: limit buy k below the close, re-placed while flat",
     [("n", "10:110:5"), ("k", "0.0:0.05:0.0025"), ("hold", "5,10,20,40")], None, "SQN", None),
    ("sma_bracket", "bench/strategies/sma_bracket.py", "bench/strategies/sma_bracket.py",
     "order kind: SMA cross with SL/TP brackets (percent)", BRACKET_GRID, "n1 < n2", "SQN", None),
    ("trend_trailing", "bench/strategies/trend_trailing.py", "bench/strategies/trend_trailing.py",
     "order kind: TrailingStrategy ATR trailing stop",
     [("n", "10:210:10"), ("atr_mult", "1.0:6.0:0.25"), ("atr_periods", "10,20,50")], None, "SQN", None),
    ("sma_cross (native)", "sma_cross", "strategies/sma_cross.py", "a big grid: SIMD lanes, crossing path",
     SMA_BIG_GRID, "n1 < n2", "SQN", "sma-big"),
    ("sma_cross (file)", "strategies/sma_cross.py", "strategies/sma_cross.py", "a big grid, compiled",
     SMA_BIG_GRID, "n1 < n2", "SQN", "sma-big"),
    ("sma_cross (native)", "sma_cross", "strategies/sma_cross.py", "per-bar statistic: SIMD per-bar body",
     SMA_GRID, "n1 < n2", "Sharpe Ratio", "sma-sharpe"),
    ("sma_cross (file)", "strategies/sma_cross.py", "strategies/sma_cross.py", "per-bar statistic, compiled",
     SMA_GRID, "n1 < n2", "Sharpe Ratio", "sma-sharpe"),
    ("sma_bracket", "bench/strategies/sma_bracket.py", "bench/strategies/sma_bracket.py",
     "per-bar statistic, SL/TP brackets", BRACKET_GRID, "n1 < n2", "Sharpe Ratio", None),
]


def load_strategy_file(path):
    """The one Strategy subclass defined in the file REPO/path, imported under a
    module name registered in sys.modules."""
    import importlib.util
    from backtesting import Strategy
    mod_name = "btgpu_bench_" + re.sub(r"\W", "_", path)
    if mod_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(mod_name, os.path.join(REPO, path))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = mod
        spec.loader.exec_module(mod)
    classes = [c for c in vars(sys.modules[mod_name]).values()
               if isinstance(c, type) and issubclass(c, Strategy) and c.__module__ == mod_name]
    if len(classes) != 1:
        raise SystemExit("%s: expected one Strategy subclass, found %d" % (path, len(classes)))
    return classes[0]


def param_args(grid):
    out = []
    for name, values in grid:
        out += ["--param", "%s=%s" % (name, values if isinstance(values, str) else ",".join(map(repr, values)))]
    return out


def py_literal(text):
    """A heatmap parameter (Python's repr) back to its Python value."""
    if text in ("True", "False"):
        return text == "True"
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def strategy_args(goog, strategy, grid, constraint, maximize):
    return (["--method", "grid", "--data", goog, "--strategy", strategy, "--threads", str(STRATEGY_THREADS),
             "--cash", str(STRATEGY_CASH), "--commission", str(STRATEGY_COMMISSION), "--maximize", maximize]
            + param_args(grid) + (["--constraint", constraint] if constraint else []))


def btgpu_full_heatmap(btgpu, args):
    """One untimed run with --heatmap: ([(params dict, value)] in grid order, combos, combos without trades)."""
    fd, path = tempfile.mkstemp(suffix=".csv")
    os.close(fd)
    try:
        p = subprocess.run([btgpu] + args + ["--heatmap", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        if p.returncode != 0:
            raise SystemExit("btgpu failed (%d): %s\n%s" % (p.returncode, " ".join(args), p.stderr))
        with open(path) as f:
            r = csv.reader(f)
            names = next(r)[:-1]
            heat = [(dict(zip(names, map(py_literal, row[:-1]))), float(row[-1])) for row in r]
    finally:
        os.unlink(path)
    m = re.search(r"Combinations:\s+(\d+) admissible of (\d+)(?: \((\d+) without trades\))?", p.stdout)
    return heat, int(m.group(1)), int(m.group(3) or 0)


def bt_run_loop(df, cls, combos, maximize):
    """backtesting.py 0.6.6 as a user loops it: Backtest.run() per combination,
    sequentially in this process. (seconds, [value]) with optimize()'s rule:
    NaN for a combination without trades."""
    bt = Backtest(df, cls, cash=STRATEGY_CASH, commission=STRATEGY_COMMISSION)
    values = []
    t = time.perf_counter()
    for params in combos:
        stats = bt.run(**params)
        values.append(float(stats[maximize]) if stats["# Trades"] else float("nan"))
    return time.perf_counter() - t, values


def close_enough(a, b):
    if np.isnan(a) or np.isnan(b):
        return np.isnan(a) and np.isnan(b)
    return a == b or abs(a - b) <= STRATEGY_RTOL * max(abs(a), abs(b))


def strategies_section(a, goog, goog_df):
    try:
        import talib
    except ImportError:
        raise SystemExit("the compiled-strategies benchmark needs TA-Lib (bench/requirements.txt pins 0.6.8): "
                         "run it through bench/run.sh")
    t_section, load_start = time.perf_counter(), os.getloadavg()
    bars = len(goog_df)
    notes = []
    if talib.__version__ != "0.6.8":
        log("WARNING: TA-Lib %s, not the 0.6.8 that btgpu's indicators match" % talib.__version__)
        notes.append("TA-Lib %s, not 0.6.8" % talib.__version__)
    if backtesting.__version__ != "0.6.6":
        notes.append("backtesting %s, not 0.6.6" % backtesting.__version__)
    for name in sorted({r[1] for r in STRATEGY_ROWS if not r[1].endswith(".py")}):
        with open(os.path.join(REPO, "strategies", name + ".py")) as f:
            text = f.read()
        shown = subprocess.run([a.btgpu, "show", name], stdout=subprocess.PIPE, universal_newlines=True).stdout
        if shown.strip() != text.strip():
            log("WARNING: btgpu's built-in %s differs from strategies/%s.py (rebuild btgpu)" % (name, name))
            notes.append("btgpu's built-in %s differs from strategies/%s.py" % (name, name))
    groups = collections.OrderedDict()
    for i, row in enumerate(STRATEGY_ROWS):
        groups.setdefault(row[7] or i, []).append(i)
    res, bt_cache = {}, {}
    for members in groups.values():
        # 1. per row: btgpu's full heatmap (untimed), backtesting.py on a few of
        #    its combinations, their values compared
        for i in members:
            label, strategy, pyfile, _, grid, constraint, maximize, _ = STRATEGY_ROWS[i]
            args = strategy_args(goog, strategy, grid, constraint, maximize)
            heat, combos, no_trade = btgpu_full_heatmap(a.btgpu, args)
            n = min(STRATEGY_BT_COMBOS, len(heat))
            picks = sorted({round(k * (len(heat) - 1) / max(1, n - 1)) for k in range(n)})
            key = (pyfile, maximize, tuple(tuple(sorted(heat[k][0].items())) for k in picks))
            if key not in bt_cache:
                log("%s, %s: backtesting.py Backtest.run on %d combinations (sequential)" % (label, maximize, n))
                bt_cache[key] = bt_run_loop(goog_df, load_strategy_file(pyfile), [heat[k][0] for k in picks],
                                            maximize)
            bt_t, bt_values = bt_cache[key]
            bad = [(heat[k][0], heat[k][1], v) for k, v in zip(picks, bt_values) if not close_enough(heat[k][1], v)]
            for params, mine, theirs in bad:
                log("MISMATCH %s %s at %s: btgpu %r, backtesting.py %r" % (label, maximize, params, mine, theirs))
            res[i] = dict(args=args, combos=combos, no_trade=no_trade, bt_n=len(picks), bt_t=bt_t,
                          bt_rate=bars * len(picks) / bt_t, agree=not bad, times=[])
        # 2. btgpu timing, whole process; the rows of a group interleaved
        log("%s: btgpu x%d%s" % (" / ".join("%s %s" % (STRATEGY_ROWS[i][0], STRATEGY_ROWS[i][6]) for i in members),
                                 a.repeat, ", interleaved" if len(members) > 1 else ""))
        for _ in range(a.repeat):
            for i in members:
                t, _, _ = btgpu_run(a.btgpu, res[i]["args"], 1)
                res[i]["times"].append(t)
    rows, csv_rows, grids = [], [], collections.OrderedDict()
    for i, (label, strategy, pyfile, what, grid, constraint, maximize, _) in enumerate(STRATEGY_ROWS):
        r = res[i]
        t = statistics.median(r["times"])
        rate = bars * r["combos"] / t
        rows.append([label, what, maximize, "%d (%d%%)" % (r["combos"], round(100 * (r["combos"] - r["no_trade"])
                                                                                / r["combos"])),
                     fmt(t), fmt(rate), "%s (%d)" % (fmt(r["bt_rate"]), r["bt_n"]), fmt(rate / r["bt_rate"], 4),
                     "yes" if r["agree"] else "NO"])
        csv_rows.append(["strategies", label, strategy, maximize, bars, r["combos"], r["no_trade"], t, rate,
                         r["bt_n"], r["bt_t"], r["bt_rate"], rate / r["bt_rate"], r["agree"]])
        g = " x ".join("%s=%s" % nv for nv in grid) + (" with " + constraint if constraint else "")
        base = label.split(" (")[0]
        if base not in grids.setdefault(g, []):
            grids[g].append(base)
    header = ["strategy", "what it exercises", "maximize", "combos (% with trades)", "btgpu wall s",
              "btgpu bar*combos/s", "backtesting.py bar*combos/s (combos)", "x backtesting.py",
              "== backtesting.py"]
    md = ("\n## Compiled strategies on GOOG (%d bars)\n\n" % bars + md_table(header, rows)
          + "\nbtgpu: whole process (CSV load and compilation included), `--threads %d`, median of %d runs; the "
            "native and file sma_cross rows of one statistic were timed interleaved (A, B, A, B, ...). "
            "backtesting.py %s: the same file's class (TA-Lib %s), `Backtest.run()` in a sequential loop in one "
            "process (no multiprocessing) over %d combinations spread evenly over the same grid, with the same "
            "settings: cash %d, commission %g. btgpu's rate is bars x combinations / wall seconds over the full "
            "grid; backtesting.py's over its combinations. '== backtesting.py': on those combinations the "
            "maximized value equals btgpu's heatmap value within %g relative (NaN for no trades on both sides), "
            "checked before anything is timed.\n"
          % (STRATEGY_THREADS, a.repeat, backtesting.__version__, talib.__version__, STRATEGY_BT_COMBOS,
             STRATEGY_CASH, STRATEGY_COMMISSION, STRATEGY_RTOL)
          + "\nGrids (btgpu `--param` syntax):\n\n" + "".join("- %s: `%s`\n" % (", ".join(n), g) for g, n in grids.items())
          + "\nSection wall time %.0f s; load average (1, 5, 15 min) at the start %s, at the end %s.\n"
          % (time.perf_counter() - t_section, " ".join("%.1f" % x for x in load_start),
             " ".join("%.1f" % x for x in os.getloadavg())))
    # the per-bar yardstick, measured in the same run
    roof = roofline_rate(a)
    if roof:
        per_bar = [(STRATEGY_ROWS[i][0], bars * res[i]["combos"] / statistics.median(res[i]["times"]))
                   for i in range(len(STRATEGY_ROWS)) if STRATEGY_ROWS[i][6] in PER_BAR_KEYS]
        md += ("\nPer-bar yardstick: bench/roofline.c (an SMA-crossover loop with per-bar equity, peak, drawdown and "
               "return sums over time-major tables, no order model, `%s`), median of 3 runs: %s bar*combos/s. "
               "The per-bar rows above reach %s of it.\n"
               % (" ".join(ROOFLINE_ARGS), fmt(roof),
                  ", ".join("%s %.2f" % (label, rate / roof) for label, rate in per_bar)))
        csv_rows.append(["strategies", "roofline", "bench/roofline.c " + " ".join(ROOFLINE_ARGS), "", "", "", "",
                         "", roof, "", "", "", "", ""])
    for n in notes:
        md += "\nWARNING: %s\n" % n
    return md, csv_rows


PER_BAR_KEYS = {"Sharpe Ratio", "Sortino Ratio", "Calmar Ratio", "Volatility (Ann.) [%]", "Return (Ann.) [%]",
                "CAGR [%]", "Max. Drawdown [%]", "Avg. Drawdown [%]", "Equity Peak [$]"}
ROOFLINE_ARGS = ["200000", "46", "192", "2048"]


def roofline_rate(a):
    """bench/roofline.c built with the system compiler and run 3 times (2 threads): the median rate, or None."""
    exe = os.path.join(a.out, "roofline")
    cc = os.environ.get("CC", "cc")
    try:
        subprocess.run([cc, "-O3", "-march=native", "-fopenmp", "-fno-trapping-math", "-o", exe,
                        os.path.join(REPO, "bench", "roofline.c"), "-lm"], check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        log("WARNING: cannot build bench/roofline.c (%s): no yardstick row" % e)
        return None
    rates = []
    env = dict(os.environ, OMP_NUM_THREADS=str(STRATEGY_THREADS))
    for _ in range(3):
        out = subprocess.run([exe] + ROOFLINE_ARGS, stdout=subprocess.PIPE, universal_newlines=True, env=env,
                             check=True).stdout
        rates.append(float(out.split(",")[3].split()[0]))
    log("roofline: %s bar*combos/s (median of 3)" % fmt(statistics.median(rates)))
    return statistics.median(rates)


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
        with open(os.path.join(a.out, "strategies.md"), "w") as f:
            f.write("# btgpu benchmark: compiled strategies\n\n%s; measured %s.\n" % (
                machine(), time.strftime("%Y-%m-%d %H:%M %Z")) + text)
        with open(os.path.join(a.out, "strategies.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["section", "strategy", "--strategy", "maximize", "bars", "combos", "combos without trades",
                        "btgpu s", "btgpu bar*combos/s", "backtesting.py combos", "backtesting.py s",
                        "backtesting.py bar*combos/s", "x backtesting.py", "== backtesting.py"])
            w.writerows(rows)
        log("wrote %s/strategies.md and strategies.csv" % a.out)
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
