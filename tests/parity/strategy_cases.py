#!/usr/bin/env python3
"""Parity of compiled strategy files: btgpu --strategy FILE.py:Class against backtesting.py 0.6.6.

Run through run_parity.py --strategy-files (the virtualenv with the pinned
backtesting, numpy, pandas and TA-Lib); directly only with a python that has them:

    strategy_cases.py [--btgpu PATH] [--backend reference,cpu] [--only NAME[,..]]
                      [--slow] [--gen N] [--gen-seed S] [--python-only] [--list] [-v]

The strategy files are imported with Python (never copied): the built-ins
(strategies/*.py, with the case table BUILTIN_CASES below: GOOG and EURUSD,
several Backtest settings, with and without SL/TP), the corpus
(tests/strategies/*.py: each file's module-level GRID, optional SETTINGS (a dict
or a list of dicts of Backtest keyword arguments), DATA ("GOOG", "EURUSD" or a
list), MAXIMIZE, CONSTRAINT and EXPECT_ERROR), and random programs from
gen_strategies.py (10 normally, 200 with --slow).  For every (file, class, data,
settings) it

  1. runs Backtest(data, Class, **settings).optimize(**GRID, maximize=...,
     constraint=..., return_heatmap=True),
  2. runs `btgpu --method grid --data CSV --strategy FILE.py:Class --param ...
     --heatmap H.csv --stats S.json --backend B` for each backend,
  3. compares with cases.py's functions: every heatmap value (1e-9 relative,
     'Equity Final [$]' bit-exact, NaN for zero-trade runs), the parameter values
     as printed (Python repr: 2, 2.0, True), the best parameters (value and type),
     and every statistic of the best combination.
When backtesting.py raises (e.g. ValueError for an invalid SL), btgpu must fail
with exit status 1.

Prints "strategy parity: N files, M combinations, K values compared, J mismatches"
and exits 1 on any mismatch or btgpu failure (2 on usage errors).
"""

import argparse
import collections
import csv
import importlib.util
import inspect
import json
import os
import shlex
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bt_oracle  # noqa: E402  (silences backtesting.py's warnings)
import cases  # noqa: E402  (the comparison functions)
import gen_strategies  # noqa: E402

from backtesting import Backtest, Strategy  # noqa: E402

REPO = os.environ.get("BTGPU_REPO") or os.path.dirname(os.path.dirname(HERE))
BUILTIN_DIR = os.path.join(REPO, "strategies")
CORPUS_DIR = os.path.join(REPO, "tests", "strategies")
DEFAULT_MAXIMIZE = "Equity Final [$]"

# --------------------------------------------------------------------------
# The built-in strategies' cases: (data, Backtest settings, grid, maximize).
# Grids stay small: backtesting.py's optimize is slow.
# --------------------------------------------------------------------------

BUILTIN_CASES = {
    "sma_cross.py": [
        ("GOOG", dict(commission=0.002), {"n1": [5, 10, 15], "n2": range(20, 40, 10)}, "Equity Final [$]"),
        ("GOOG", dict(trade_on_close=True, spread=0.001, commission=0.002),
         {"n1": [5, 10], "n2": [20, 30]}, "Sharpe Ratio"),
        ("EURUSD", dict(commission=0.0002, margin=0.05, finalize_trades=True),
         {"n1": [5, 10], "n2": [20, 40]}, "Return [%]"),
    ],
    "ema_cross.py": [
        ("GOOG", dict(commission=0.002), {"n1": [8, 12], "n2": [26, 40]}, "Equity Final [$]"),
        ("GOOG", dict(commission=(5.0, 0.001)),
         {"n1": [12], "n2": [26], "sl_pct": [0.0, 0.02, 0.05], "tp_pct": [0.0, 0.1]}, "Equity Final [$]"),
        ("EURUSD", dict(exclusive_orders=True, commission=0.0001),
         {"n1": [10, 20], "n2": [50], "sl_pct": [0.0, 0.002], "tp_pct": [0.0, 0.004]}, "Sharpe Ratio"),
        ("GOOG", dict(hedging=True, trade_on_close=True),
         {"n1": [10], "n2": [30], "sl_pct": [0.01, 0.03], "tp_pct": [0.02]}, "Win Rate [%]"),
    ],
    "rsi_threshold.py": [
        ("GOOG", dict(commission=0.002),
         {"rsi_window": [10, 14], "lower_bound": [25, 30, 35], "upper_bound": [70]}, "Equity Final [$]"),
        ("GOOG", dict(hedging=True, finalize_trades=True),
         {"rsi_window": [14], "lower_bound": [30, 40], "sl_pct": [0.0, 0.05], "tp_pct": [0.0, 0.08]}, "Return [%]"),
        ("EURUSD", dict(trade_on_close=True, spread=0.0001),
         {"rsi_window": [14, 21], "lower_bound": [30], "upper_bound": [65, 70]}, "SQN"),
    ],
    "bollinger_revert.py": [
        ("GOOG", dict(commission=0.002), {"n": [15, 20], "k": [1.5, 2.0]}, "Equity Final [$]"),
        ("GOOG", dict(finalize_trades=True, commission=(2.0, 0.0)),
         {"n": [20], "k": [2.0, 2.5], "sl_pct": [0.0, 0.03, 0.1]}, "Sharpe Ratio"),
        ("EURUSD", dict(margin=0.1, commission=0.0002), {"n": [20, 30], "k": [2.0, 2.5]}, "Equity Final [$]"),
    ],
    "macd_cross.py": [
        ("GOOG", dict(commission=0.002), {"fast": [8, 12], "slow": [26, 35], "signal": [9]}, "Equity Final [$]"),
        ("GOOG", dict(exclusive_orders=True, spread=0.0005),
         {"fast": [12], "slow": [26], "sl_pct": [0.0, 0.03], "tp_pct": [0.0, 0.06]}, "Return [%]"),
        ("EURUSD", dict(commission=0.0002, trade_on_close=True),
         {"fast": [12], "slow": [26, 40], "signal": [9, 12], "sl_pct": [0.0, 0.003]}, "Equity Final [$]"),
    ],
    "donchian_breakout.py": [
        ("GOOG", dict(commission=0.002), {"n": [10, 20, 40], "atr_mult": [2.0, 3.0]}, "Equity Final [$]"),
        ("GOOG", dict(hedging=True, trade_on_close=True),
         {"n": [20], "atr_mult": [1.5, 4.0], "atr_periods": [14, 100]}, "Sharpe Ratio"),
        ("EURUSD", dict(margin=0.05, commission=0.0001, finalize_trades=True),
         {"n": [20, 50], "atr_mult": [3.0], "atr_periods": [20, 100]}, "Equity Final [$]"),
    ],
}


# --------------------------------------------------------------------------
# Loading strategy files
# --------------------------------------------------------------------------

_modules = {}


def load_module(path):
    """Import a strategy file under a unique module name, registered in
    sys.modules so that optimize()'s forked workers can unpickle its classes."""
    path = os.path.abspath(path)
    if path not in _modules:
        stem = os.path.splitext(os.path.basename(path))[0]
        name = "btgpu_strategy_%d_%s" % (len(_modules), "".join(c if c.isalnum() else "_" for c in stem))
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        _modules[path] = mod
    return _modules[path]


def strategy_classes(mod):
    """The Strategy subclasses the file itself defines, in definition order."""
    out = []
    for obj in vars(mod).values():
        if inspect.isclass(obj) and issubclass(obj, Strategy) and obj.__module__ == mod.__name__:
            out.append(obj)
    src = inspect.getsource(mod)
    out.sort(key=lambda c: src.find("class %s(" % c.__name__))
    return out


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


class SCase:
    """One optimize() comparison: a file's class on one dataset with one set of settings."""

    def __init__(self, kind, path, cls, data, settings, grid, maximize, constraint=None,
                 expect_error=None, label=""):
        self.kind, self.path, self.cls = kind, path, cls
        self.data = data
        self.settings = dict(settings)
        self.grid = collections.OrderedDict(grid)
        self.maximize = maximize
        self.constraint = constraint
        self.expect_error = expect_error
        self.label = label
        self.id = label

    @property
    def file(self):
        return os.path.basename(self.path)


def file_cases(path, kind):
    """The cases of a corpus or generated file, from its module-level GRID etc."""
    mod = load_module(path)
    classes = strategy_classes(mod)
    if not classes:
        raise ValueError("%s defines no Strategy subclass" % path)
    grid = getattr(mod, "GRID", None)
    if not isinstance(grid, dict) or not grid:
        raise ValueError("%s has no module-level GRID = {...}" % path)
    per_class = all(isinstance(v, dict) for v in grid.values())
    settings_list = [dict(s) for s in as_list(getattr(mod, "SETTINGS", {}))]
    datas = as_list(getattr(mod, "DATA", "GOOG"))
    maximize = getattr(mod, "MAXIMIZE", DEFAULT_MAXIMIZE)
    constraint = getattr(mod, "CONSTRAINT", None)
    expect = getattr(mod, "EXPECT_ERROR", None)
    stem = os.path.splitext(os.path.basename(path))[0]
    out = []
    for cls in classes:
        g = grid.get(cls.__name__) if per_class else grid
        if g is None:
            continue
        for data in datas:
            for k, s in enumerate(settings_list):
                label = stem
                if len(classes) > 1:
                    label += ":" + cls.__name__
                if len(datas) > 1:
                    label += "@" + data
                if len(settings_list) > 1:
                    label += "#%d" % (k + 1)
                out.append(SCase(kind, path, cls, data, s, g, maximize, constraint, expect, label))
    return out


def builtin_cases():
    out = []
    for fname, rows in BUILTIN_CASES.items():
        path = os.path.join(BUILTIN_DIR, fname)
        mod = load_module(path)
        classes = strategy_classes(mod)
        if len(classes) != 1:
            raise ValueError("%s must define exactly one Strategy class" % path)
        stem = os.path.splitext(fname)[0]
        for k, (data, settings, grid, maximize) in enumerate(rows, 1):
            out.append(SCase("builtin", path, classes[0], data, settings, grid, maximize,
                             label="%s#%d@%s" % (stem, k, data)))
    return out


def corpus_files():
    if not os.path.isdir(CORPUS_DIR):
        return []
    return sorted(os.path.join(CORPUS_DIR, f) for f in os.listdir(CORPUS_DIR)
                  if f.endswith(".py") and not f.startswith("_"))


# --------------------------------------------------------------------------
# The two sides
# --------------------------------------------------------------------------

def backtest_kwargs(settings):
    """Backtest() keyword arguments as written in the file (commission may be a
    (fixed, relative) tuple)."""
    kw = dict(settings)
    kw.setdefault("cash", 10000)
    return kw


def run_backtesting_py(case):
    """(stats, heatmap rows, error text or None, seconds)."""
    data, _ = bt_oracle.load_dataset(case.data)
    bt = Backtest(data, case.cls, **backtest_kwargs(case.settings))
    constraint = bt_oracle.ExprConstraint(case.constraint) if case.constraint else None
    t0 = time.perf_counter()
    try:
        stats, heatmap = bt.optimize(method="grid", maximize=case.maximize, constraint=constraint,
                                     return_heatmap=True, **case.grid)
    except Exception as e:      # noqa: BLE001 -- any error of the user's strategy
        return None, None, "%s: %s" % (type(e).__name__, e), time.perf_counter() - t0
    return stats, bt_oracle.heatmap_rows(heatmap), None, time.perf_counter() - t0


def value_spec(values):
    """--param text: a range as START:STOP:STEP, anything else as Python reprs."""
    if isinstance(values, range):
        return "%d:%d:%d" % (values.start, values.stop, values.step)
    return ",".join(repr(v) for v in as_list(values))


def settings_flags(settings):
    s = dict(settings)
    s.setdefault("cash", 10000)
    comm = s.get("commission")
    if isinstance(comm, (tuple, list)):
        s["fixed_commission"], s["commission"] = comm
    out = []
    for key, flag in cases.SETTING_FLAGS:
        if s.get(key) is not None:
            out += [flag, cases.fmt_num(s[key])]
    for key, flag in cases.BOOL_FLAGS:
        if s.get(key):
            out.append(flag)
    unknown = set(s) - {k for k, _ in cases.SETTING_FLAGS} - {k for k, _ in cases.BOOL_FLAGS}
    if unknown:
        raise ValueError("settings without a btgpu flag: %s" % sorted(unknown))
    return out


def btgpu_command(btgpu, case, heat, stats, backend):
    _, data_path = bt_oracle.load_dataset(case.data)
    cmd = [btgpu, "--method", "grid", "--data", data_path,
           "--strategy", "%s:%s" % (case.path, case.cls.__name__)]
    for name, values in case.grid.items():
        cmd += ["--param", "%s=%s" % (name, value_spec(values))]
    if case.constraint:
        cmd += ["--constraint", case.constraint]
    cmd += ["--maximize", case.maximize]
    cmd += settings_flags(case.settings)
    cmd += ["--heatmap", heat, "--stats", stats, "--quiet"]
    if backend:
        cmd += ["--backend", backend]
    return cmd


_parse_number = cases.parse_param


def parse_param_value(s):
    """A heatmap parameter cell: int, float or bool as printed by Python's repr."""
    if s in ("True", "False"):
        return s == "True"
    return _parse_number(s)


# cases.compare_heatmap parses the parameter cells with cases.parse_param
# (numbers only); strategy files also have bool parameters.
cases.parse_param = parse_param_value


# --------------------------------------------------------------------------
# Extra comparisons (types), on top of cases.py's
# --------------------------------------------------------------------------

def compare_param_reprs(rep, tag, names, exp_rows, path):
    """The heatmap's parameter columns must read as Python prints the values
    (2 for an int, 2.0 for a float, True for a bool)."""
    try:
        with open(path, newline="") as f:
            rows = list(csv.reader(f))[1:]
    except OSError:
        return
    rep.keys_compared += 1
    for (combo, _), row in zip(exp_rows, rows):
        want = [repr(v) for v in combo]
        if row[:len(names)] != want:
            rep.mismatch(tag, "heatmap parameter text", "<param repr>", ",".join(want),
                         ",".join(row[:len(names)]), None, "values must print as Python's repr")
            return


def compare_params_typed(rep, tag, what, exp_params, got_params, all_params=None):
    """Best parameters: every swept name with an equal value of the same type
    (a float parameter must not come back as an int, a bool not as 0/1).
    btgpu may also list the parameters left at their defaults (all_params: every
    parameter of the class with the run's value); any other name is a mismatch."""
    rep.keys_compared += 1
    if not isinstance(got_params, dict):
        rep.mismatch(tag, what, "params", dict(exp_params), got_params)
        return
    allp = all_params if all_params is not None else exp_params

    def same(n):
        return n in got_params and type(got_params[n]) is type(allp[n]) and got_params[n] == allp[n]

    # (order is not compared: the heatmap's columns follow the grid, while btgpu
    # may list the parameters in the class's order)
    ok = all(n in allp and same(n) for n in got_params) and all(same(n) for n in exp_params)
    if not ok:
        rep.mismatch(tag, what, "params", dict(exp_params), dict(got_params), None,
                     "types: %s vs %s" % ({n: type(v).__name__ for n, v in exp_params.items()},
                                          {n: type(v).__name__ for n, v in got_params.items()}))


def class_params(stats, cls):
    """Every parameter of the Strategy class (public int/float/bool class
    attributes, inherited ones included), with the best run's values."""
    strat = stats["_strategy"]
    out = collections.OrderedDict()
    for klass in reversed(cls.__mro__):
        if klass in (Strategy, object) or not issubclass(klass, Strategy):
            continue
        for n, v in vars(klass).items():
            if not n.startswith("_") and isinstance(v, (bool, int, float)):
                out[n] = bt_oracle.py_scalar(getattr(strat, n))
    return out


def best_params(stats, case):
    """The best combination's parameter values, as the heatmap index holds them."""
    strat = stats["_strategy"]
    out = collections.OrderedDict()
    for n in case.grid:
        out[n] = bt_oracle.py_scalar(getattr(strat, n))
    return out


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.files = set()
        self.cases = 0
        self.errors_expected = 0
        self.py_seconds = 0.0
        self.bt_seconds = collections.Counter()
        self.rows = []             # (tag, ncombo, t_py, result)


def run_case(case, args, rep, tally, tmpdir):
    tally.files.add(os.path.abspath(case.path))
    tally.cases += 1
    names = list(case.grid)
    grid_text = " ".join("%s=%s" % (n, value_spec(v)) for n, v in case.grid.items())
    print("\n=== %s  [%s %s:%s] %s; grid %s%s; maximize %r"
          % (case.label, case.data, case.file, case.cls.__name__, case.settings or "{}", grid_text,
             "; constraint %r" % case.constraint if case.constraint else "", case.maximize), flush=True)
    stats, exp_rows, err, t_py = run_backtesting_py(case)
    tally.py_seconds += t_py
    ncombo = len(exp_rows) if exp_rows is not None else 0
    if err is not None:
        print("    backtesting.py: %s (%.2f s)" % (err.splitlines()[0][:300], t_py))
        if not case.expect_error:
            print("    note: backtesting.py raised although the file expects no error; btgpu must fail too")
        elif not err.startswith(tuple(as_list(case.expect_error))):
            rep.mismatch(cases._Tag(case.label), "backtesting.py", "<error>", case.expect_error, err,
                         None, "the file's EXPECT_ERROR does not match")
        tally.errors_expected += 1
    else:
        exp_stats = bt_oracle.stats_as_json_values(stats)
        exp_best = best_params(stats, case)
        all_params = class_params(stats, case.cls)
        nnan = sum(1 for _, v in exp_rows if v != v)
        print("    backtesting.py: %d combinations, %d zero-trade; best %s %s = %r; # Trades %r; %.2f s"
              % (ncombo, nnan, dict(exp_best), case.maximize, exp_stats.get(case.maximize),
                 exp_stats.get("# Trades"), t_py), flush=True)
        if case.expect_error:
            rep.mismatch(cases._Tag(case.label), "backtesting.py", "<error>", case.expect_error,
                         "no error", None, "the file's EXPECT_ERROR did not happen")
    if args.python_only:
        tally.rows.append((case.label, ncombo, t_py, "(python only)"))
        return

    for backend in args.backends:
        tag = cases._Tag(case.label if len(args.backends) == 1 else "%s/%s" % (case.label, backend))
        stem = os.path.join(tmpdir, "".join(c if c.isalnum() else "_" for c in tag.id))
        heat, sj = stem + "-heatmap.csv", stem + "-stats.json"
        cmd = btgpu_command(args.btgpu, case, heat, sj, backend)
        if args.verbose:
            print("    $ " + " ".join(shlex.quote(c) for c in cmd))
        rc, t_bt, out = cases.run_btgpu(cmd, args.timeout)
        tally.bt_seconds[backend] += t_bt
        before = rep.mismatches
        cmd_text = " ".join(shlex.quote(c) for c in cmd)
        if err is not None:
            if rc == 1:
                first = out.strip().splitlines()[-1] if out.strip() else ""
                print("    btgpu --backend %s: exit 1 as expected: %s" % (backend, first[:300]))
                rep.keys_compared += 1
            else:
                rep.mismatch(tag, "btgpu run", "<exit status>", "1 (backtesting.py raised %s)"
                             % err.split(":")[0], rc, None, "command: %s\n%s" % (cmd_text, out.strip()))
                rep.failed_cases.append(tag.id)
        elif rc != 0:
            rep.mismatch(tag, "btgpu run", "<exit status>", 0, rc, None,
                         "command: %s\n%s" % (cmd_text, out.strip()))
            rep.failed_cases.append(tag.id)
        else:
            cases.compare_heatmap(rep, tag, names, exp_rows, heat, case.maximize)
            compare_param_reprs(rep, tag, names, exp_rows, heat)
            doc = cases.load_stats_json(rep, tag, "best", sj)
            if doc is not None:
                compare_params_typed(rep, tag, "best params", exp_best, doc["params"], all_params)
                cases.compare_stats(rep, tag, "best %s" % cases.fmt_combo(names, tuple(exp_best.values())),
                                    exp_stats, doc["stats"])
        n = rep.mismatches - before
        res = ("BTGPU FAILED" if tag.id in rep.failed_cases else
               "OK" if n == 0 else "%d MISMATCHES" % n)
        print("    btgpu --backend %s: %.3f s  %s" % (backend, t_bt, res), flush=True)
        tally.rows.append((tag.id, ncombo, t_py, res))


def select(all_cases, only):
    if not only:
        return all_cases
    wanted = [w.strip() for o in only for w in o.split(",") if w.strip()]
    out = []
    for c in all_cases:
        stem = os.path.splitext(c.file)[0]
        if any(w in (c.label, stem, c.file, c.cls.__name__, c.kind) or c.label.startswith(w + "#")
               or c.label.startswith(w + ":") or c.label.startswith(w + "@") for w in wanted):
            out.append(c)
    if not out:
        sys.exit("strategy_cases.py: nothing matches --only %s" % ",".join(wanted))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--btgpu", default=os.environ.get("BTGPU") or os.path.join(REPO, "build", "btgpu"))
    ap.add_argument("--backend", default="reference,cpu",
                    help="btgpu backends to compare, comma-separated (default: reference,cpu)")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="file stem, case label, class name, or builtin/corpus/generated")
    ap.add_argument("--slow", action="store_true", help="200 generated programs instead of 10")
    ap.add_argument("--gen", type=int, default=None, help="number of generated programs")
    ap.add_argument("--gen-seed", type=int, default=1, help="first generator seed (default 1)")
    ap.add_argument("--no-builtins", action="store_true")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--python-only", action="store_true", help="run only the backtesting.py side")
    ap.add_argument("--max-report", type=int, default=20, help="mismatch lines printed per case")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed per btgpu run")
    ap.add_argument("--keep", action="store_true", help="keep btgpu's outputs and the generated files")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the btgpu commands")
    args = ap.parse_args(argv)
    args.backends = [b.strip() for b in args.backend.split(",") if b.strip()] or ["reference"]
    ngen = args.gen if args.gen is not None else (200 if args.slow else 10)

    tmpdir = tempfile.mkdtemp(prefix="btgpu-strategy-parity-")
    all_cases = []
    try:
        if not args.no_builtins:
            all_cases += builtin_cases()
        if not args.no_corpus:
            for path in corpus_files():
                all_cases += file_cases(path, "corpus")
        gen_dir = os.path.join(tmpdir, "generated")
        os.makedirs(gen_dir)
        for seed in range(args.gen_seed, args.gen_seed + ngen):
            path = os.path.join(gen_dir, "gen_%04d.py" % seed)
            with open(path, "w") as f:
                f.write(gen_strategies.generate(seed))
            all_cases += file_cases(path, "generated")
    except Exception:
        traceback.print_exc()
        print("strategy_cases.py: cannot load the strategy files", file=sys.stderr)
        return 2
    sel = select(all_cases, args.only)
    if args.list:
        for c in sel:
            print("%-9s %-44s %-6s %-24s %s" % (c.kind, c.label, c.data, c.cls.__name__, c.settings or ""))
        return 0
    if not args.python_only:
        args.btgpu = os.path.abspath(args.btgpu)
        if not (os.path.isfile(args.btgpu) and os.access(args.btgpu, os.X_OK)):
            print("strategy_cases.py: btgpu binary not found at %s (build it, pass --btgpu PATH, "
                  "or use --python-only)" % args.btgpu, file=sys.stderr)
            return 2
    import talib
    vers = bt_oracle.versions()
    vers["TA-Lib"] = "%s (C %s)" % (talib.__version__, talib.__ta_version__.decode().split()[0]
                                     if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__)
    print("strategy parity of btgpu against backtesting.py; python %s; %s; cpus %s"
          % (sys.version.split()[0], ", ".join("%s %s" % kv for kv in vers.items()), os.cpu_count()))
    if not args.python_only:
        print("btgpu: %s --backend %s" % (args.btgpu, ",".join(args.backends)))
    print("%d cases: %d built-in, %d corpus, %d generated"
          % (len(sel), sum(c.kind == "builtin" for c in sel), sum(c.kind == "corpus" for c in sel),
             sum(c.kind == "generated" for c in sel)))

    rep = cases.Report(args.max_report)
    tally = Tally()
    t0 = time.perf_counter()
    try:
        for case in sel:
            run_case(case, args, rep, tally, tmpdir)
    finally:
        if args.keep:
            print("\noutputs and generated files kept in %s" % tmpdir)
        else:
            import shutil
            shutil.rmtree(tmpdir, ignore_errors=True)

    print("\n=== summary (%.1f s; backtesting.py %.1f s%s)"
          % (time.perf_counter() - t0, tally.py_seconds,
             "".join("; btgpu %s %.1f s" % kv for kv in tally.bt_seconds.items())))
    failed = [r for r in tally.rows if r[3] not in ("OK", "(python only)")]
    for tag, ncombo, t_py, res in (failed if not args.verbose else tally.rows):
        print("%-52s %5d %8.2f  %s" % (tag, ncombo, t_py, res))
    if failed and rep.case_keys:
        print("mismatched keys: " + "; ".join(
            "%s: %s" % (t, ", ".join("%s x%d" % kv for kv in c.most_common(6)))
            for t, c in rep.case_keys.items()))
    if rep.inexact:
        print("equal within %g but not bit-identical: %s" % (cases.RTOL, ", ".join(
            "%s x%d (max %.2g)" % (k, n, rep.key_max_rel[k]) for k, n in rep.inexact.most_common())))
    print("strategy parity: %d files, %d combinations, %d values compared, %d mismatches"
          % (len(tally.files), rep.combos_compared, rep.keys_compared, rep.mismatches))
    if args.python_only:
        print("python-only run: %d cases (%d with the expected backtesting.py error), nothing compared"
              % (tally.cases, tally.errors_expected))
        return 1 if rep.mismatches else 0
    print("STRATEGY PARITY %s" % ("OK" if rep.mismatches == 0 else "FAILED"))
    return 1 if rep.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
