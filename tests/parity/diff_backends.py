#!/usr/bin/env python3
"""Differential test of btgpu's backends on compiled strategy files:
`--backend reference` (the scalar interpreter, the oracle) against `--backend cpu`.

    diff_backends.py [--btgpu PATH] [--programs N | --slow] [--seed S] [--only SUBSTR]
                     [--jobs J] [--keep DIR] [--list] [-v]

Stdlib only (no numpy, pandas or backtesting.py): it never runs a strategy in
Python, it only compares btgpu with itself, so it needs no parity virtualenv and
no data files outside the repository (the data are btgpu's own synthetic series).

Cases:
  builtin  every built-in strategy of `btgpu list`, run by name with random grids of
           2-3 of its parameters (20-200 combinations, ranges and lists, ints and
           floats, sometimes a constraint), and once more as the file `btgpu show
           NAME` prints, run by path;
  corpus   every tests/strategies/*.py file, read with `ast` (never imported): each
           Strategy class, its module-level GRID / SETTINGS / DATA / CONSTRAINT as
           strategy_cases.py reads them ("#f" cases), plus one case per file with a
           widened grid and random settings and data ("#r" cases);
  gen      N random programs of gen_strategies.py (seeds S .. S+N-1, the seeds
           strategy_cases.py uses with S = 1), each with its own GRID/SETTINGS/DATA
           and once more widened with random settings.

Every case picks, deterministically from --seed and its id: the statistic to
maximize (all of btgpu's keys except Start/End/Duration), --threads 1 or 2 for each
run, BTGPU_VX_BLOCK (the vectorized executor's lanes per block) from
{1, 3, 8, 64, 256, 1000} and BTGPU_VX_QUIET (0: every bar simulated; 1, two cases
in three: the quiet-bar schedule where the statistic allows it) for the cpu run; the "#r" and built-in cases also pick
Backtest settings (cash, commission, fixed commission, spread, margin and the four
switches in the ranges of the parity cases) and the data: "GOOG" is
synth:2148:SEED (GOOG's length), "EURUSD" a 5000-bar hourly series near 1.0 made
from btgpu's synthetic series, "INDEX" a series with a plain integer index
(backtesting.py's RangeIndex rules).

For each case it runs reference, then cpu, with --heatmap and --stats files and
--quiet, and requires the same exit status; when both succeed, byte-identical
heatmaps, stats files and standard output; when both fail, the same standard
error.  Different standard error of two successful runs is only reported.

Prints "diff_backends: N cases, M combinations, K mismatches" and exits 1 on any
mismatch (the first differing lines are shown), 2 on usage errors.  The
environment's BTGPU_VX (e.g. BTGPU_VX=0 to disable the vectorized executor) is
passed to the cpu runs; BTGPU_VX_BLOCK is set per case.
"""

import argparse
import ast
import concurrent.futures
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS_DIR = os.path.join(REPO, "tests", "strategies")
sys.path.insert(0, HERE)

import gen_strategies  # noqa: E402  (stdlib only: random, sys)

# Every statistic btgpu accepts for --maximize (host/stats/stats.def, less Start,
# End and Duration): trade statistics and per-bar (equity curve) statistics.
MAXIMIZE_KEYS = [
    "Exposure Time [%]", "Equity Final [$]", "Equity Peak [$]", "Commissions [$]",
    "Return [%]", "Buy & Hold Return [%]", "Return (Ann.) [%]", "Volatility (Ann.) [%]",
    "CAGR [%]", "Sharpe Ratio", "Sortino Ratio", "Calmar Ratio", "Alpha [%]", "Beta",
    "Max. Drawdown [%]", "Avg. Drawdown [%]", "Max. Drawdown Duration",
    "Avg. Drawdown Duration", "# Trades", "Win Rate [%]", "Best Trade [%]",
    "Worst Trade [%]", "Avg. Trade [%]", "Max. Trade Duration", "Avg. Trade Duration",
    "Profit Factor", "Expectancy [%]", "SQN", "Kelly Criterion",
]
VX_BLOCKS = [1, 3, 8, 64, 256, 1000]
GOOG_BARS = 2148
DEFAULT_PROGRAMS = 40
SLOW_PROGRAMS = 500
CASE_TIMEOUT = 600


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def fmt_num(v):
    """A number as a btgpu option value / --param value: Python's repr."""
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def value_spec(values):
    """--param text: a range as START:STOP:STEP, a string as is, a list as reprs."""
    if isinstance(values, range):
        return "%d:%d:%d" % (values.start, values.stop, values.step)
    if isinstance(values, str):
        return values
    if not isinstance(values, (list, tuple)):
        values = [values]
    return ",".join(fmt_num(v) for v in values)


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def safe_name(s):
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in s)


# --------------------------------------------------------------------------
# Strategy files read with ast (never imported: they import backtesting/talib)
# --------------------------------------------------------------------------

def _literal(node):
    """ast.literal_eval, plus range(...) calls."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
            and not node.keywords):
        return range(*[ast.literal_eval(a) for a in node.args])
    if isinstance(node, ast.Dict):
        return {_literal(k): _literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_literal(e) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    return ast.literal_eval(node)


def _num_literal(node):
    """An int/float/bool class attribute default, or None."""
    try:
        v = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return v if isinstance(v, (bool, int, float)) else None


class StrategyFile:
    """The module-level settings and the Strategy classes of one file."""

    MODULE_NAMES = ("GRID", "SETTINGS", "DATA", "MAXIMIZE", "CONSTRAINT", "EXPECT_ERROR")

    def __init__(self, path, text=None):
        self.path = path
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        tree = ast.parse(text, filename=path)
        self.values = {}
        self.classes = []          # [(name, {param: default})] in definition order
        known = {"Strategy", "TrailingStrategy"}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) and node.targets[0].id in self.MODULE_NAMES:
                self.values[node.targets[0].id] = _literal(node.value)
            elif isinstance(node, ast.ClassDef):
                bases = set()
                for b in node.bases:
                    if isinstance(b, ast.Name):
                        bases.add(b.id)
                    elif isinstance(b, ast.Attribute):
                        bases.add(b.attr)
                if bases & known:
                    known.add(node.name)
                    params = {}
                    for st in node.body:
                        if isinstance(st, ast.Assign) and len(st.targets) == 1 \
                                and isinstance(st.targets[0], ast.Name) \
                                and not st.targets[0].id.startswith("_"):
                            v = _num_literal(st.value)
                            if v is not None:
                                params[st.targets[0].id] = v
                    self.classes.append((node.name, params))

    def get(self, name, default=None):
        return self.values.get(name, default)


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

class Case:
    def __init__(self, cid, kind, strategy, grid, data, settings, maximize, constraint=None,
                 src_text=None):
        self.id = cid
        self.kind = kind
        self.strategy = strategy        # a built-in name or a file path (with :Class)
        self.grid = list(grid)          # [(name, values)]
        self.data = data                # "GOOG[:seed]", "EURUSD", "INDEX" or synth:...
        self.settings = dict(settings)
        self.maximize = maximize
        self.constraint = constraint
        self.src_text = src_text        # the generated file's text (kept on failure)
        rng = random.Random("threads-vx:" + cid)
        self.threads = (rng.choice([1, 2]), rng.choice([1, 2]))
        self.vx_block = rng.choice(VX_BLOCKS)
        self.vx_quiet = rng.choice([0, 1, 1])   # BTGPU_VX_QUIET: the quiet-bar schedule or every bar

    def describe(self):
        grid = " ".join("%s=%s" % (n, value_spec(v)) for n, v in self.grid)
        return ("%s [%s] %s; grid %s%s; maximize %r; %s; threads %d/%d; BTGPU_VX_BLOCK=%d BTGPU_VX_QUIET=%d"
                % (self.id, self.strategy, self.data, grid,
                   "; constraint %r" % self.constraint if self.constraint else "",
                   self.maximize, self.settings or "{}", self.threads[0], self.threads[1],
                   self.vx_block, self.vx_quiet))


def random_settings(rng, data):
    """Backtest settings in the ranges of the parity cases (cases.py, strategy_cases.py,
    gen_strategies.py and the corpus)."""
    s = {}
    eur = data == "EURUSD"
    s["cash"] = rng.choice([10000, 10000, 10000, 100000, 1000, 2500.5] if not eur else
                           [10000, 10000, 100000])
    kind = rng.random()
    if eur:
        s["commission"] = rng.choice([0.0, 0.0001, 0.0002])
    elif kind < 0.25:
        s["fixed_commission"] = rng.choice([2.0, 2.5, 3.0, 5.0])
        s["commission"] = rng.choice([0.0, 0.001])
    else:
        s["commission"] = rng.choice([0.0, 0.0005, 0.001, 0.002])
    s["spread"] = rng.choice([0.0, 0.0, 0.0001] if eur else [0.0, 0.0, 0.0005, 0.001, 0.002])
    s["margin"] = rng.choice([1.0, 1.0, 0.1, 0.05, 0.02] if eur else [1.0, 1.0, 1.0, 0.5, 0.1])
    for key in ("trade_on_close", "exclusive_orders", "hedging", "finalize_trades"):
        s[key] = rng.random() < 0.3
    return {k: v for k, v in s.items() if v or k == "cash"}


def file_settings(entry):
    """A SETTINGS dict of a strategy file (commission may be a (fixed, relative) tuple)."""
    s = dict(entry)
    comm = s.get("commission")
    if isinstance(comm, (tuple, list)):
        s["fixed_commission"], s["commission"] = comm
    return s


def pick_maximize(rng, default=None):
    if default and rng.random() < 0.2:
        return default
    return rng.choice(MAXIMIZE_KEYS)


def pick_data(rng):
    r = rng.random()
    if r < 0.6:
        return "GOOG:%d" % rng.choice([1, 2, 3, 42])
    if r < 0.85:
        return "EURUSD"
    return "INDEX"


def widen_grid(rng, grid, params, cap):
    """The file's grid with more values per parameter (same types: ints +1/+2, floats
    times 0.8 (or 0.01 for 0.0: fractions stay fractions, SLs stay positive), bools
    both), sometimes one more class parameter; at most `cap` combinations and
    max(3 x, 12) values per parameter."""
    grid = [(n, as_list(v) if not isinstance(v, range) else list(v)) for n, v in grid]
    names = {n for n, _ in grid}
    extra = [n for n in params if n not in names]
    if extra and rng.random() < 0.6:
        n = rng.choice(extra)
        grid.append((n, [params[n]]))

    def more(v):
        if isinstance(v, bool):
            return [not v]
        if isinstance(v, int):
            return [v + 1, v + 2]
        if v == 0.0:
            return [0.01]
        return [v * 0.8]

    def size(g):
        p = 1
        for _, vals in g:
            p *= len(vals)
        return p

    limits = dict(grid)
    changed = True
    while changed:
        changed = False
        order = list(range(len(grid)))
        rng.shuffle(order)
        for i in order:
            n, vals = grid[i]
            limit = max(3 * len(limits[n]), 12)
            for v in list(vals):
                for w in more(v):
                    if w in vals or len(vals) >= limit:
                        continue
                    trial = grid[:i] + [(n, vals + [w])] + grid[i + 1:]
                    if size(trial) <= cap:
                        vals = vals + [w]
                        grid[i] = (n, vals)
                        changed = True
    return grid


def builtin_list(btgpu):
    """[(name, class, {param: default})] from `btgpu list`."""
    out = subprocess.run([btgpu, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    if out.returncode != 0:
        raise RuntimeError("btgpu list failed: %s" % out.stderr.strip())
    res = []
    for line in out.stdout.splitlines():
        m = re.match(r"^  ([a-z][a-z0-9_]*)\s+([A-Za-z_]\w*)\((.*?)\)", line)
        if not m:
            continue
        params = {}
        for item in m.group(3).split(","):
            if not item.strip():
                continue
            k, v = item.split("=")
            params[k.strip()] = ast.literal_eval(v.strip())
        res.append((m.group(1), m.group(2), params))
    if not res:
        raise RuntimeError("no strategies in the output of `btgpu list`:\n" + out.stdout)
    return res


def builtin_grid(rng, params):
    """2-3 parameters around their defaults, 20-200 combinations (approximately, before
    the constraint)."""
    names = list(params)
    k = min(len(names), rng.choice([2, 2, 3]))
    picked = set(rng.sample(names, k))
    chosen = [n for n in names if n in picked]     # in the class's order
    while True:
        counts = [rng.randint(2, 12) for _ in chosen]
        p = 1
        for c in counts:
            p *= c
        if 20 <= p <= 200:
            break
    grid = []
    for n, cnt in zip(chosen, counts):
        d = params[n]
        if isinstance(d, bool):
            grid.append((n, [False, True]))
        elif isinstance(d, int):
            step = max(1, d // 5) * rng.choice([1, 1, 2])
            start = max(5, d - step * (cnt // 2))     # n=2 windows: degenerate bands
            if rng.random() < 0.5:
                grid.append((n, range(start, start + step * cnt, step)))
            else:
                grid.append((n, list(range(start, start + step * cnt, step))))
        elif d == 0.0:
            vals = [0.0] + sorted(rng.sample([0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.08, 0.1, 0.15,
                                              0.2, 0.3], cnt - 1))
            grid.append((n, vals))
        else:
            step = rng.choice([0.1, 0.25, 0.5])
            lo = max(step, round(d - step * (cnt // 2), 2))
            if rng.random() < 0.5:
                # numpy.arange(lo, lo + cnt * step, step): cnt values (or cnt + 1 by
                # rounding; numpy's length rule, as btgpu implements it)
                grid.append((n, "%r:%r:%r" % (lo, lo + cnt * step - step / 2, step)))
            else:
                grid.append((n, [lo + i * step for i in range(cnt)]))
    constraint = None
    ints = [n for n in chosen if isinstance(params[n], int) and not isinstance(params[n], bool)]
    if len(ints) >= 2 and params[ints[0]] < params[ints[1]] and rng.random() < 0.6:
        constraint = "%s < %s" % (ints[0], ints[1])
    return grid, constraint


def builtin_cases(btgpu, seed, per, tmpdir):
    cases = []
    for name, cls, params in builtin_list(btgpu):
        shown = subprocess.run([btgpu, "show", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
        path = None
        if shown.returncode == 0:
            path = os.path.join(tmpdir, "builtin-%s.py" % name)
            with open(path, "w") as f:
                f.write(shown.stdout)
        for k in range(per + (1 if path else 0)):
            by_file = k == per
            cid = "builtin:%s#%s" % (name, "file" if by_file else k + 1)
            rng = random.Random("%d:%s" % (seed, cid))
            grid, constraint = builtin_grid(rng, params)
            data = pick_data(rng)
            settings = random_settings(rng, data) if k > 0 or by_file else {"commission": 0.002}
            strategy = "%s:%s" % (path, cls) if by_file else name
            cases.append(Case(cid, "builtin", strategy, grid, data, settings, pick_maximize(rng),
                              constraint, src_text=shown.stdout if by_file else None))
    return cases


def strategy_file_cases(kind, cid_stem, path, seed, text=None, caps=(12, 30, 60, 100, 150)):
    """The file's own cases (#f) and one widened, random-settings case per class (#r)."""
    sf = StrategyFile(path, text)
    if not sf.classes:
        raise ValueError("%s defines no Strategy subclass" % path)
    grid = sf.get("GRID")
    if not isinstance(grid, dict) or not grid:
        raise ValueError("%s has no module-level GRID = {...}" % path)
    per_class = all(isinstance(v, dict) for v in grid.values())
    settings_list = [file_settings(s) for s in as_list(sf.get("SETTINGS", {}))]
    datas = as_list(sf.get("DATA", "GOOG"))
    maximize = sf.get("MAXIMIZE", "Equity Final [$]")
    constraint = sf.get("CONSTRAINT")
    multi = len(sf.classes) > 1
    out = []
    for cls, params in sf.classes:
        g = grid.get(cls) if per_class else grid
        if g is None:
            continue
        g = list(g.items())
        base = cid_stem + (":" + cls if multi else "")
        strategy = "%s:%s" % (path, cls)
        for data in datas:
            for k, s in enumerate(settings_list):
                cid = base
                if len(datas) > 1:
                    cid += "@" + data
                cid += "#f%d" % (k + 1) if len(settings_list) > 1 else "#f"
                rng = random.Random("%d:%s" % (seed, cid))
                d = "GOOG:%d" % rng.choice([1, 2, 3, 42]) if data == "GOOG" else data
                out.append(Case(cid, kind, strategy, g, d, s, pick_maximize(rng, maximize),
                                constraint, src_text=text))
        cid = base + "#r"
        rng = random.Random("%d:%s" % (seed, cid))
        data = pick_data(rng)
        wide = widen_grid(rng, g, params, rng.choice(caps))
        out.append(Case(cid, kind, strategy, wide, data, random_settings(rng, data),
                        pick_maximize(rng, maximize), constraint, src_text=text))
    return out


def corpus_cases(seed, caps):
    out = []
    if not os.path.isdir(CORPUS_DIR):
        return out
    for f in sorted(os.listdir(CORPUS_DIR)):
        if f.endswith(".py") and not f.startswith("_"):
            out += strategy_file_cases("corpus", "corpus:" + f[:-3], os.path.join(CORPUS_DIR, f), seed,
                                       caps=caps)
    return out


def generated_cases(seed, n, tmpdir, caps):
    out = []
    d = os.path.join(tmpdir, "generated")
    os.makedirs(d, exist_ok=True)
    for s in range(seed, seed + n):
        text = gen_strategies.generate(s)
        path = os.path.join(d, "gen_%04d.py" % s)
        with open(path, "w") as f:
            f.write(text)
        out += strategy_file_cases("gen", "gen:%04d" % s, path, seed, text, caps)
    return out


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def make_data(btgpu, tmpdir):
    """{"EURUSD": path, "INDEX": path}: btgpu's synthetic series rewritten as a
    5000-bar hourly FX-like series near 1.0, and as a series with an integer index."""
    out = {}

    def synth(bars, seed):
        path = os.path.join(tmpdir, "synth-%d-%d.csv" % (bars, seed))
        r = subprocess.run([btgpu, "synth", "--bars", str(bars), "--seed", str(seed), "--output", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if r.returncode != 0:
            raise RuntimeError("btgpu synth failed: %s" % r.stderr.strip())
        with open(path) as f:
            rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
        return rows[0], rows[1:]

    header, rows = synth(5000, 11)
    path = os.path.join(tmpdir, "eurusd-like.csv")
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        t = 0
        for row in rows:
            day, hour = divmod(t, 24)
            t += 1
            # from 2017-01-01 00:00, 28 days a month (valid dates only, small gaps at month ends)
            month, dom = divmod(day, 28)
            year, month = divmod(month, 12)
            stamp = "%04d-%02d-%02d %02d:00:00" % (2017 + year, month + 1, dom + 1, hour)
            prices = ["%.5f" % (float(x) / 100.0) for x in row[1:5]]
            f.write(",".join([stamp] + prices + row[5:]) + "\n")
    out["EURUSD"] = path

    header, rows = synth(1500, 5)
    path = os.path.join(tmpdir, "int-index.csv")
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for i, row in enumerate(rows):
            f.write(",".join([str(i)] + row[1:]) + "\n")
    out["INDEX"] = path
    return out


def data_arg(data, files):
    if data.startswith("GOOG"):
        seed = data.split(":")[1] if ":" in data else "1"
        return "synth:%d:%s" % (GOOG_BARS, seed)
    if data in files:
        return files[data]
    return data


# --------------------------------------------------------------------------
# Running and comparing
# --------------------------------------------------------------------------

def command(btgpu, case, files, backend, threads, heat, stats):
    cmd = [btgpu, "--method", "grid", "--data", data_arg(case.data, files), "--strategy", case.strategy]
    for name, values in case.grid:
        cmd += ["--param", "%s=%s" % (name, value_spec(values))]
    if case.constraint:
        cmd += ["--constraint", case.constraint]
    cmd += ["--maximize", case.maximize]
    s = dict(case.settings)
    s.setdefault("cash", 10000)
    for key, flag in (("cash", "--cash"), ("commission", "--commission"),
                      ("fixed_commission", "--fixed-commission"), ("spread", "--spread"),
                      ("margin", "--margin")):
        if s.get(key) is not None:
            cmd += [flag, fmt_num(s[key])]
    for key, flag in (("trade_on_close", "--trade-on-close"), ("exclusive_orders", "--exclusive-orders"),
                      ("hedging", "--hedging"), ("finalize_trades", "--finalize-trades")):
        if s.get(key):
            cmd.append(flag)
    unknown = set(s) - {"cash", "commission", "fixed_commission", "spread", "margin", "trade_on_close",
                        "exclusive_orders", "hedging", "finalize_trades"}
    if unknown:
        raise ValueError("%s: settings without a btgpu flag: %s" % (case.id, sorted(unknown)))
    cmd += ["--heatmap", heat, "--stats", stats, "--quiet", "--backend", backend,
            "--threads", str(threads)]
    return cmd


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def first_diffs(a, b, limit=5):
    """The first differing lines of two byte strings, as text lines."""
    if a is None or b is None:
        return ["  reference: %s" % ("no file" if a is None else "%d bytes" % len(a)),
                "  cpu:       %s" % ("no file" if b is None else "%d bytes" % len(b))]
    la = a.decode("utf-8", "replace").split("\n")
    lb = b.decode("utf-8", "replace").split("\n")
    out = []
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<end of file>"
        y = lb[i] if i < len(lb) else "<end of file>"
        if x != y:
            out.append("  line %d: reference %s" % (i + 1, x[:300]))
            out.append("  line %d: cpu       %s" % (i + 1, y[:300]))
            if len(out) >= 2 * limit:
                break
    if not out:
        out.append("  (they differ only in line ends / a final newline: %d vs %d bytes)" % (len(a), len(b)))
    ndiff = sum(1 for i in range(max(len(la), len(lb)))
                if (la[i] if i < len(la) else None) != (lb[i] if i < len(lb) else None))
    out.append("  (%d differing lines of %d / %d)" % (ndiff, len(la), len(lb)))
    return out


class Result:
    def __init__(self, case):
        self.case = case
        self.problems = []      # mismatch descriptions (lists of lines)
        self.notes = []
        self.combos = 0
        self.rc = None
        self.seconds = (0.0, 0.0)
        self.cmds = []


def env_for(backend, case):
    env = dict(os.environ)
    env.pop("BTGPU_VX_BLOCK", None)
    env.pop("BTGPU_VX_QUIET", None)
    if backend == "cpu":
        env["BTGPU_VX_BLOCK"] = str(case.vx_block)
        env["BTGPU_VX_QUIET"] = str(case.vx_quiet)
    return env


def run_case(case, btgpu, files, workdir, timeout):
    res = Result(case)
    os.makedirs(workdir, exist_ok=True)
    runs = {}
    for backend, threads in (("reference", case.threads[0]), ("cpu", case.threads[1])):
        heat = os.path.join(workdir, backend + "-heatmap.csv")
        stats = os.path.join(workdir, backend + "-stats.json")
        cmd = command(btgpu, case, files, backend, threads, heat, stats)
        env = env_for(backend, case)
        res.cmds.append(("BTGPU_VX_BLOCK=%d BTGPU_VX_QUIET=%d " % (case.vx_block, case.vx_quiet)
                         if backend == "cpu" else "")
                        + " ".join(shlex.quote(c) for c in cmd))
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               timeout=timeout)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
        dt = time.perf_counter() - t0
        with open(os.path.join(workdir, backend + ".stderr"), "wb") as f:
            f.write(err)
        runs[backend] = (rc, out, err, read_bytes(heat), read_bytes(stats), dt)
    with open(os.path.join(workdir, "commands.sh"), "w") as f:
        f.write("# %s\n" % case.describe())
        f.write("\n".join(res.cmds) + "\n")

    rr, rc_ = runs["reference"], runs["cpu"]
    res.seconds = (rr[5], rc_[5])
    res.rc = rr[0]
    if rr[0] == "timeout" or rc_[0] == "timeout":
        res.problems.append(["timeout after %d s: reference %s, cpu %s" % (timeout, rr[0], rc_[0])])
        return res
    if rr[0] != rc_[0]:
        res.problems.append(["exit status: reference %s, cpu %s" % (rr[0], rc_[0]),
                             "  reference stderr: %s" % rr[2].decode("utf-8", "replace").strip()[:600],
                             "  cpu stderr:       %s" % rc_[2].decode("utf-8", "replace").strip()[:600]])
        return res
    if rr[0] != 0:
        if rr[2] != rc_[2]:
            res.problems.append(["both exit %s but standard error differs:" % rr[0]]
                                + first_diffs(rr[2], rc_[2]))
        if rr[3] is not None or rc_[3] is not None:
            if rr[3] != rc_[3]:
                res.problems.append(["both exit %s but the heatmap files they left differ:" % rr[0]]
                                    + first_diffs(rr[3], rc_[3]))
        return res
    if rr[3] is None:
        res.problems.append(["reference exited 0 without writing the heatmap"])
        return res
    res.combos = max(0, rr[3].count(b"\n") - 1)
    if rr[3] != rc_[3]:
        res.problems.append(["heatmap differs:"] + first_diffs(rr[3], rc_[3]))
    if rr[4] != rc_[4]:
        res.problems.append(["stats differ:"] + first_diffs(rr[4], rc_[4]))
    if rr[1] != rc_[1]:
        res.problems.append(["standard output differs:"] + first_diffs(rr[1], rc_[1]))
    if rr[2] != rc_[2]:
        res.notes.append(["standard error of the successful runs differs:"] + first_diffs(rr[2], rc_[2]))
    return res


def keep_case(case, res, tmpdir, files, dest):
    """Copy a failing case's outputs, strategy file and data file to dest; returns
    its commands with the paths rewritten to dest (also written to dest/commands.sh)."""
    work = os.path.join(tmpdir, "cases", safe_name(case.id))
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(work, dest)
    dest = os.path.abspath(dest)
    moves = [(work, dest)]
    src = case.strategy.rsplit(":", 1)[0]
    if src.startswith(tmpdir) and os.path.isfile(src):
        shutil.copy(src, dest)
        moves.append((src, os.path.join(dest, os.path.basename(src))))
    if case.data in files:
        shutil.copy(files[case.data], dest)
        moves.append((files[case.data], os.path.join(dest, os.path.basename(files[case.data]))))
    cmds = []
    for c in res.cmds:
        for a, b in moves:
            c = c.replace(a, b)
        cmds.append(c)
    with open(os.path.join(dest, "commands.sh"), "w") as f:
        f.write("# %s\n" % case.describe())
        f.write("\n".join(cmds) + "\n")
    return cmds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--btgpu", default=os.environ.get("BTGPU") or os.path.join(REPO, "build", "btgpu"))
    ap.add_argument("--programs", type=int, default=None,
                    help="random programs of gen_strategies.py (default %d; --slow: %d)"
                    % (DEFAULT_PROGRAMS, SLOW_PROGRAMS))
    ap.add_argument("--slow", action="store_true",
                    help="%d programs, 8 random grids per built-in, widened grids of up to "
                    "1100 combinations" % SLOW_PROGRAMS)
    ap.add_argument("--seed", type=int, default=1,
                    help="seed of every random choice; the programs are seeds S .. S+N-1 (default 1)")
    ap.add_argument("--only", action="append", default=[], metavar="SUBSTR",
                    help="run only the cases whose id contains SUBSTR (repeatable, or comma-separated)")
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--keep", metavar="DIR", help="copy the files of failing cases into DIR")
    ap.add_argument("--timeout", type=int, default=CASE_TIMEOUT, help="seconds per btgpu run")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every case")
    args = ap.parse_args(argv)
    nprog = args.programs if args.programs is not None else (SLOW_PROGRAMS if args.slow else DEFAULT_PROGRAMS)
    per_builtin = 8 if args.slow else 3
    # combinations of the widened "#r" grids (--slow: also full 256-lane blocks)
    caps = (12, 30, 60, 100, 150) + ((400, 1100) if args.slow else ())
    if nprog < 0 or args.jobs < 1:
        ap.error("--programs must be >= 0 and --jobs >= 1")
    btgpu = os.path.abspath(args.btgpu)
    if not (os.path.isfile(btgpu) and os.access(btgpu, os.X_OK)):
        print("diff_backends.py: btgpu binary not found at %s (build it or pass --btgpu PATH)" % btgpu,
              file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    tmpdir = tempfile.mkdtemp(prefix="btgpu-diff-backends-")
    try:
        try:
            files = make_data(btgpu, tmpdir)
            cases = builtin_cases(btgpu, args.seed, per_builtin, tmpdir)
            cases += corpus_cases(args.seed, caps)
            cases += generated_cases(args.seed, nprog, tmpdir, caps)
        except Exception as e:       # noqa: BLE001
            import traceback
            traceback.print_exc()
            print("diff_backends.py: cannot set up the cases: %s" % e, file=sys.stderr)
            return 2
        wanted = [w.strip() for o in args.only for w in o.split(",") if w.strip()]
        if wanted:
            cases = [c for c in cases if any(w in c.id for w in wanted)]
            if not cases:
                print("diff_backends.py: no case id contains %s" % ", ".join(wanted), file=sys.stderr)
                return 2
        if args.list:
            for c in cases:
                print(c.describe())
            return 0
        print("diff_backends: %s --backend reference vs cpu; %d cases (%d builtin, %d corpus, %d generated); "
              "seed %d; %d jobs"
              % (btgpu, len(cases), sum(c.kind == "builtin" for c in cases),
                 sum(c.kind == "corpus" for c in cases), sum(c.kind == "gen" for c in cases),
                 args.seed, args.jobs), flush=True)

        results = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futs = [pool.submit(run_case, c, btgpu, files, os.path.join(tmpdir, "cases", safe_name(c.id)),
                                args.timeout) for c in cases]
            for c, fut in zip(cases, futs):
                r = fut.result()
                results.append(r)
                if r.problems or args.verbose:
                    status = "MISMATCH" if r.problems else ("OK" if r.rc == 0 else "OK (both exit %s)" % r.rc)
                    print("%-8s %s  (%d combinations; %.2f s / %.2f s)"
                          % (status, c.describe(), r.combos, r.seconds[0], r.seconds[1]), flush=True)
                for block in r.problems:
                    print("    " + "\n    ".join(block))
                cmds = r.cmds
                if r.problems and args.keep:
                    cmds = keep_case(c, r, tmpdir, files, os.path.join(args.keep, safe_name(c.id)))
                if r.problems:
                    print("    reproduce%s:\n      %s"
                          % ("" if args.keep else " (its files are deleted; --keep DIR keeps them)",
                             "\n      ".join(cmds)))
                for block in r.notes:
                    print("    note: " + "\n    ".join(block))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    bad = [r for r in results if r.problems]
    failed_both = sum(1 for r in results if r.rc not in (0, None) and not r.problems)
    notes = sum(1 for r in results if r.notes)
    t_ref = sum(r.seconds[0] for r in results)
    t_cpu = sum(r.seconds[1] for r in results)
    if bad:
        print("mismatching cases: " + ", ".join(r.case.id for r in bad))
        if args.keep:
            print("their files are in %s" % os.path.abspath(args.keep))
    print("diff_backends: %d cases, %d combinations, %d mismatches (%d cases fail equally in both, "
          "%d with different stderr notes; %.1f s; btgpu reference %.1f s, cpu %.1f s)"
          % (len(results), sum(r.combos for r in results), len(bad), failed_both, notes,
             time.perf_counter() - t0, t_ref, t_cpu))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
