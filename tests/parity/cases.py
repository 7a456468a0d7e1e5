#!/usr/bin/env python3
"""Parity cases: btgpu's grid optimizer against backtesting.py 0.6.6.

Run through run_parity.py, which provides the virtualenv with the pinned
versions; directly only with a python that has them:

    cases.py [--btgpu PATH] [--only CASE[,CASE]] [--quick] [--python-only] ...

For every case (dataset, Backtest settings, parameter grid, maximized key) it

  1. runs backtesting.py's Backtest.optimize(method='grid', return_heatmap=True),
  2. runs `btgpu --method grid ... --heatmap H.csv --stats S.json`,
  3. compares the heatmap (same combinations, same order; NaN <-> nan; values
     within 1e-9 relative, 'Equity Final [$]' bit-exact), the best parameters
     and all statistics of the best combination (same keys in the same order),
  4. compares all statistics of a few sampled combinations, each run by
     btgpu on a one-combination grid against bt.run(**params).

Mismatches are printed as they are found, and again counted in a summary.
Exit status: 0 all equal, 1 any mismatch (or a btgpu failure), 2 usage error.

Adding a case: append a Case(...) to CASES below.
"""

import argparse
import collections
import csv
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bt_oracle  # noqa: E402  (silences backtesting.py's warnings on import)

REPO = os.environ.get("BTGPU_REPO") or os.path.dirname(os.path.dirname(HERE))

RTOL = 1e-9
# Keys compared with == (bit-exact), whatever RTOL is.
EXACT_KEYS = {"Equity Final [$]"}


# --------------------------------------------------------------------------
# The case table
# --------------------------------------------------------------------------

class Case:
    """One parity case.

    id, name    short id ('a') and a descriptive name; --only takes either
    data        dataset bundled with backtesting.py: 'GOOG' or 'EURUSD'
    settings    Backtest() settings: cash, commission, fixed_commission, spread,
                margin, trade_on_close, hedging, exclusive_orders, finalize_trades
    grid        [(param, values)] in command-line order; values is a range
                (--param n=START:STOP:STEP), a list (n=V1,V2,...) or a scalar
    constraint  expression over the params, e.g. 'n1 < n2', or None
    maximize    the statistic maximized (a backtesting.py stats key)
    quick       a smaller grid for --quick (None: the same grid)
    expect      optional checks of the full grid's result: {'best': {...},
                'value': number} (value compared with ==)
    samples     extra combinations whose full stats are compared, in
                addition to the first, middle and last admissible one and
                the first zero-trade one
    slow        run only with --slow or when named by --only
    """

    def __init__(self, id, name, data, settings, grid, maximize, constraint=None,
                 quick=None, expect=None, samples=(), note="", slow=False):
        self.id, self.name, self.data = id, name, data
        self.settings = dict(settings)
        self.grid = list(grid)
        self.maximize, self.constraint = maximize, constraint
        self.quick = list(quick) if quick is not None else None
        self.expect = expect or {}
        self.samples = [tuple(s) for s in samples]
        self.note = note
        self.slow = slow


GOOG_COMMISSION = dict(cash=10000, commission=0.002)

CASES = [
    Case("a", "goog_quickstart", "GOOG", GOOG_COMMISSION,
         [("n1", range(5, 30, 5)), ("n2", range(10, 70, 5))], "Equity Final [$]",
         constraint="n1 < n2",
         quick=[("n1", [5, 10]), ("n2", range(10, 30, 5))],
         expect={"best": {"n1": 10, "n2": 15}, "value": 77829.05462000002},
         note="reference small grid (semantics doc 7.4)"),
    Case("b", "goog_finalize_sqn", "GOOG", dict(GOOG_COMMISSION, finalize_trades=True),
         [("n1", range(2, 40, 3)), ("n2", range(5, 100, 5))], "SQN",
         constraint="n1 < n2",
         quick=[("n1", range(5, 30, 10)), ("n2", range(10, 70, 20))]),
    Case("c", "goog_close_spread_sharpe", "GOOG",
         dict(cash=10000, commission=0.002, trade_on_close=True, spread=0.001),
         [("n1", range(3, 40, 3)), ("n2", range(10, 100, 6))], "Sharpe Ratio",
         constraint="n1 < n2",
         quick=[("n1", range(5, 30, 10)), ("n2", range(10, 70, 20))]),
    Case("d", "goog_fixedcomm_margin_return", "GOOG",
         dict(cash=10000, fixed_commission=5, commission=0.001, margin=0.5),
         [("n1", range(4, 40, 3)), ("n2", range(8, 100, 6))], "Return [%]",
         constraint="n1 < n2",
         quick=[("n1", range(5, 30, 10)), ("n2", range(10, 70, 20))]),
    Case("e", "goog_exclusive_hedging_winrate", "GOOG",
         dict(GOOG_COMMISSION, exclusive_orders=True, hedging=True),
         [("n1", range(2, 40, 3)), ("n2", range(6, 100, 6))], "Win Rate [%]",
         constraint="n1 < n2",
         quick=[("n1", range(5, 30, 10)), ("n2", range(10, 70, 20))],
         note="Win Rate ties: the first maximum in grid order must win"),
    Case("f", "eurusd_equity", "EURUSD", dict(cash=10000, commission=0.0002),
         [("n1", range(5, 25, 5)), ("n2", range(10, 60, 10))], "Equity Final [$]",
         constraint="n1 < n2",
         quick=[("n1", [5, 10]), ("n2", [20, 40])]),
    Case("g", "eurusd_margin_finalize_calmar", "EURUSD",
         dict(cash=10000, commission=0.0002, margin=0.05, finalize_trades=True),
         [("n1", range(5, 45, 5)), ("n2", range(10, 110, 10))], "Calmar Ratio",
         constraint="n1 < n2",
         quick=[("n1", [5, 10]), ("n2", [20, 40])]),
    Case("h", "goog_zero_trade_nan", "GOOG", GOOG_COMMISSION,
         [("n1", [2, 3]), ("n2", [3, 5])], "Return [%]",
         note="(3, 3) never crosses: NaN in the heatmap although its Return is 0.0"),
    Case("i", "goog_lookback_past_end", "GOOG", GOOG_COMMISSION,
         [("n1", [5, 10]), ("n2", [20, 3000])], "Equity Final [$]",
         note="SMA(3000) on 2148 bars is all NaN: never trades, heatmap NaN"),
    Case("j", "goog_all_nan", "GOOG", GOOG_COMMISSION,
         [("n1", 3), ("n2", [3, 3000])], "Sharpe Ratio",
         note="every combination has zero trades: the first one is the result"),
    Case("k", "goog_wide_grid", "GOOG", GOOG_COMMISSION,
         [("n1", range(2, 52, 4)), ("n2", range(10, 210, 8))], "Equity Final [$]",
         constraint="n1 < n2",
         quick=[("n1", range(2, 52, 16)), ("n2", range(10, 210, 40))],
         expect={"best": {"n1": 10, "n2": 18}, "value": 86631.97622},
         samples=[(10, 18), (24, 32)],
         note="a sparse cover of case l's grid; (24, 32) is the combination a naive "
              "SMA gets wrong"),
    Case("l", "goog_large_grid", "GOOG", GOOG_COMMISSION,
         [("n1", range(2, 52)), ("n2", range(10, 210, 2))], "Equity Final [$]",
         constraint="n1 < n2",
         quick=[("n1", range(8, 13)), ("n2", range(14, 22, 2))],
         expect={"best": {"n1": 10, "n2": 18}, "value": 86631.97622},
         samples=[(24, 32)], slow=True,
         note="reference large grid (semantics doc 7.5), 4538 combinations, "
              "about 2-3.5 min in backtesting.py on 2 cores (--slow)"),
]


# --------------------------------------------------------------------------
# btgpu command line
# --------------------------------------------------------------------------

def fmt_num(v):
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, float):
        return repr(v)          # shortest round-trip form
    return str(v)


def param_arg(name, values):
    if isinstance(values, range):
        spec = "%d:%d:%d" % (values.start, values.stop, values.step)
    elif isinstance(values, (list, tuple)):
        spec = ",".join(fmt_num(v) for v in values)
    else:
        spec = fmt_num(values)
    return "%s=%s" % (name, spec)


SETTING_FLAGS = [
    ("cash", "--cash"), ("commission", "--commission"),
    ("fixed_commission", "--fixed-commission"), ("spread", "--spread"),
    ("margin", "--margin"),
]
BOOL_FLAGS = [
    ("trade_on_close", "--trade-on-close"), ("exclusive_orders", "--exclusive-orders"),
    ("hedging", "--hedging"), ("finalize_trades", "--finalize-trades"),
]


def btgpu_command(btgpu, case, data_path, grid, constraint, heatmap_out, stats_out, backend):
    s = dict(case.settings)
    s.setdefault("cash", 10000)
    s.setdefault("commission", 0.0)
    cmd = [btgpu, "--method", "grid", "--data", data_path, "--strategy", "sma_cross"]
    for name, values in grid:
        cmd += ["--param", param_arg(name, values)]
    if constraint:
        cmd += ["--constraint", constraint]
    cmd += ["--maximize", case.maximize]
    for key, flag in SETTING_FLAGS:
        if s.get(key) is not None:
            cmd += [flag, fmt_num(s[key])]
    for key, flag in BOOL_FLAGS:
        if s.get(key):
            cmd.append(flag)
    cmd += ["--heatmap", heatmap_out, "--stats", stats_out]
    if backend:
        cmd += ["--backend", backend]
    return cmd


def run_btgpu(cmd, timeout):
    """(returncode, seconds, output tail)."""
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        rc, out = r.returncode, r.stdout
    except subprocess.TimeoutExpired as e:
        rc, out = "timeout after %ds" % timeout, e.stdout or b""
    except OSError as e:
        rc, out = "cannot execute (%s)" % e, b""
    dt = time.perf_counter() - t0
    text = out.decode("utf-8", "replace")
    return rc, dt, text[-3000:]


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------

class Report:
    def __init__(self, max_lines):
        self.max_lines = max_lines
        self.mismatches = 0
        self.keys_compared = 0
        self.combos_compared = 0
        self.case_mismatches = collections.OrderedDict()
        self.case_keys = collections.OrderedDict()   # case -> Counter(key -> n)
        self._printed = collections.Counter()
        self.failed_cases = []
        self.inexact = collections.Counter()          # key -> values equal only within RTOL
        self.max_rel = (0.0, None)                    # (rel diff, description)
        self.key_max_rel = {}                         # key -> largest rel diff

    def close(self, case, what, key, r):
        """Record a value that compared equal; r is its relative difference."""
        if r is not None and r > 0:
            self.inexact[key] += 1
            self.key_max_rel[key] = max(r, self.key_max_rel.get(key, 0.0))
            if r > self.max_rel[0]:
                self.max_rel = (r, "case %s, %s, key %r" % (case.id, what, key))

    def mismatch(self, case, what, key, expected, got, rel=None, note=""):
        self.mismatches += 1
        self.case_mismatches[case.id] = self.case_mismatches.get(case.id, 0) + 1
        self.case_keys.setdefault(case.id, collections.Counter())[key] += 1
        self._printed[case.id] += 1
        if self._printed[case.id] <= self.max_lines:
            rel_s = "" if rel is None else "  rel diff %.3g" % rel
            print("  MISMATCH [%s] %s  key %r: backtesting.py %r  btgpu %r%s%s"
                  % (case.id, what, key, expected, got, rel_s,
                     ("  (" + note + ")") if note else ""), flush=True)
        elif self._printed[case.id] == self.max_lines + 1:
            print("  ... further mismatches of case %s not shown (--max-report)" % case.id)


def rel_diff(a, b):
    if a == b:
        return 0.0
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or math.isinf(b):
        return math.inf
    m = max(abs(a), abs(b))
    return abs(a - b) / m


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def compare_value(key, exp, got):
    """Compare one statistic; exp as bt_oracle.json_value gives it, got as
    parsed from btgpu's JSON.  Returns (ok, rel diff or None, note)."""
    if exp is None:                                   # NaN
        if got is None:
            return True, None, ""
        if isinstance(got, float) and math.isnan(got):
            return False, None, "NaN must be written as null"
        return False, None, "expected NaN (null)"
    if isinstance(exp, str):                          # timestamp or +-inf
        if exp in ("inf", "-inf"):
            if got == exp:
                return True, None, ""
            if isinstance(got, float) and math.isinf(got) and str(got) == exp:
                return False, None, "infinity must be written as the string %r" % exp
            return False, None, ""
        return (got == exp), None, "" if got == exp else "ISO 8601 string expected"
    if is_number(exp):
        if not is_number(got):
            return False, None, "a number expected"
        if isinstance(got, float) and math.isnan(got):
            return False, None, "btgpu gives NaN (should be null anyway)"
        if key in EXACT_KEYS:
            ok = float(got) == float(exp)
            return ok, rel_diff(float(exp), float(got)), "" if ok else "must be bit-exact"
        r = rel_diff(float(exp), float(got))
        return r <= RTOL, r, ""
    return got == exp, None, "unexpected type %s" % type(exp).__name__


def compare_stats(rep, case, what, expected, got):
    """Compare backtesting.py's stats (OrderedDict of JSON-like values) with
    btgpu's 'stats' object: key set, key order, then every value."""
    if not isinstance(got, dict):
        rep.mismatch(case, what, "<stats>", "an object", got)
        return
    ek, gk = list(expected), list(got)
    missing = [k for k in ek if k not in got]
    extra = [k for k in gk if k not in expected]
    for k in missing:
        rep.mismatch(case, what, k, expected[k], "<missing key>")
    for k in extra:
        rep.mismatch(case, what, k, "<no such key>", got[k])
    common_e = [k for k in ek if k in got]
    common_g = [k for k in gk if k in expected]
    if common_e != common_g:
        i = next(j for j, (x, y) in enumerate(zip(common_e, common_g)) if x != y)
        rep.mismatch(case, what, "<key order>", "key #%d = %r" % (i + 1, common_e[i]),
                     "key #%d = %r" % (i + 1, common_g[i]), None,
                     "btgpu's order: %s" % ", ".join(common_g))
    for k in common_e:
        rep.keys_compared += 1
        ok, r, note = compare_value(k, expected[k], got[k])
        if not ok:
            rep.mismatch(case, what, k, expected[k], got[k], r, note)
        else:
            rep.close(case, what, k, r)


def parse_param(s):
    """A heatmap parameter cell as btgpu prints it (Python's repr): 2, 2.0, True."""
    if s in ("True", "False"):
        return s == "True"
    try:
        return int(s)
    except ValueError:
        return float(s)


def read_heatmap(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError("empty heatmap file")
    return rows[0], rows[1:]


def fmt_combo(names, combo):
    return "(" + ", ".join("%s=%r" % (n, v) for n, v in zip(names, combo)) + ")"


def compare_heatmap(rep, case, names, exp_rows, path, maximize, what="heatmap"):
    """exp_rows: [(combo tuple, float)] from backtesting.py."""
    try:
        header, rows = read_heatmap(path)
    except (OSError, ValueError) as e:
        rep.mismatch(case, what, "<file>", "a heatmap CSV", str(e))
        return
    want_header = list(names) + [maximize]
    if header != want_header:
        rep.mismatch(case, what, "<header>", want_header, header)
    got_rows = []
    for i, row in enumerate(rows):
        if len(row) != len(names) + 1:
            rep.mismatch(case, what, "<row %d>" % (i + 1), "%d fields" % (len(names) + 1), row)
            return
        try:
            got_rows.append((tuple(parse_param(x) for x in row[:-1]), float(row[-1])))
        except ValueError as e:
            rep.mismatch(case, what, "<row %d>" % (i + 1), "numbers", "%r (%s)" % (row, e))
            return
    exp_combos = [c for c, _ in exp_rows]
    got_combos = [c for c, _ in got_rows]
    if exp_combos != got_combos:
        es, gs = set(exp_combos), set(got_combos)
        if es == gs:
            first = next(i for i, (a, b) in enumerate(zip(exp_combos, got_combos)) if a != b)
            rep.mismatch(case, what, "<combination order>",
                         "row %d = %s" % (first + 1, fmt_combo(names, exp_combos[first])),
                         fmt_combo(names, got_combos[first]))
        else:
            rep.mismatch(case, what, "<combinations>",
                         "%d rows; not in btgpu: %s" % (len(exp_combos), sorted(es - gs)[:5]),
                         "%d rows; not in backtesting.py: %s" % (len(got_combos), sorted(gs - es)[:5]))
    got_by = dict(got_rows)
    for combo, ev in exp_rows:
        if combo not in got_by:
            continue
        gv = got_by[combo]
        rep.combos_compared += 1
        rep.keys_compared += 1
        where = "%s %s" % (what, fmt_combo(names, combo))
        if math.isnan(ev) or math.isnan(gv):
            if not (math.isnan(ev) and math.isnan(gv)):
                rep.mismatch(case, where, maximize, ev, gv, None,
                             "NaN (zero trades) expected" if math.isnan(ev) else "")
            continue
        if maximize in EXACT_KEYS:
            if ev != gv:
                rep.mismatch(case, where, maximize, ev, gv, rel_diff(ev, gv), "must be bit-exact")
        else:
            r = rel_diff(ev, gv)
            if r > RTOL:
                rep.mismatch(case, where, maximize, ev, gv, r)
            else:
                rep.close(case, where, maximize, r)


def load_stats_json(rep, case, what, path):
    try:
        with open(path) as f:
            doc = json.load(f, object_pairs_hook=collections.OrderedDict)
    except (OSError, ValueError) as e:
        rep.mismatch(case, what, "<stats file>", "a JSON file", str(e))
        return None
    if not isinstance(doc, dict) or "params" not in doc or "stats" not in doc:
        rep.mismatch(case, what, "<stats file>", '{"params": ..., "stats": ...}',
                     list(doc) if isinstance(doc, dict) else type(doc).__name__)
        return None
    return doc


def compare_params(rep, case, what, exp_params, got_params):
    rep.keys_compared += 1
    if not isinstance(got_params, dict):
        rep.mismatch(case, what, "params", dict(exp_params), got_params)
        return
    ok = list(got_params) == list(exp_params) and all(
        is_number(got_params[n]) and got_params[n] == exp_params[n] for n in exp_params)
    if not ok:
        rep.mismatch(case, what, "params", dict(exp_params), dict(got_params))


# --------------------------------------------------------------------------
# Running a case
# --------------------------------------------------------------------------

def grid_size(grid):
    n = 1
    for _, v in grid:
        n *= len(v) if isinstance(v, (range, list, tuple)) else 1
    return n


def sample_indices(exp_rows, names, extra):
    """First, middle, last admissible combination, the first zero-trade one,
    and the case's extra samples (in the heatmap or not)."""
    n = len(exp_rows)
    idx = []
    for i in (0, n // 2, n - 1):
        if i not in idx:
            idx.append(i)
    nan_i = next((i for i, (_, v) in enumerate(exp_rows) if math.isnan(v)), None)
    if nan_i is not None and nan_i not in idx:
        idx.append(nan_i)
    combos = [exp_rows[i][0] for i in idx]
    for s in extra:
        if s not in combos:
            combos.append(tuple(s))
    return combos


def print_stats_brief(stats_json, indent="    "):
    for k, v in stats_json.items():
        print("%s%-24s %r" % (indent, k, v))


def run_case(case, args, rep, tmpdir):
    data, data_path = bt_oracle.load_dataset(case.data)
    nbars = len(data)
    grid = case.quick if (args.quick and case.quick is not None) else case.grid
    names = [n for n, _ in grid]
    print("\n=== case %s: %s  [%s, %d bars]" % (case.id, case.name, case.data, nbars), flush=True)
    if case.note:
        print("    " + case.note)
    print("    settings %s; grid %s%s; maximize %r"
          % (bt_oracle.backtest_kwargs(case.settings), " ".join(param_arg(n, v) for n, v in grid),
             "; constraint %r" % case.constraint if case.constraint else "", case.maximize))

    # 1. backtesting.py
    bt = bt_oracle.make_backtest(data, case.settings)
    stats, heatmap, t_py = bt_oracle.optimize(bt, grid, case.maximize, case.constraint)
    exp_rows = bt_oracle.heatmap_rows(heatmap)
    ncombo = len(exp_rows)
    nnan = sum(1 for _, v in exp_rows if math.isnan(v))
    exp_best = bt_oracle.best_params(stats, names)
    exp_stats = bt_oracle.stats_as_json_values(stats)
    print("    backtesting.py: %d of %d combinations admissible, %d zero-trade (NaN); "
          "best %s %s = %r; optimize %.2f s = %.0f bar*combos/s (%.1f combos/s)"
          % (ncombo, grid_size(grid), nnan, dict(exp_best), case.maximize,
             exp_stats.get(case.maximize), t_py, nbars * ncombo / t_py, ncombo / t_py), flush=True)

    # expectations on the reference itself (they hold only for the full grid,
    # or for a quick grid containing the expected best)
    if case.expect:
        want_best = case.expect.get("best")
        in_grid = want_best is None or tuple(want_best[n] for n in names) in [c for c, _ in exp_rows]
        if in_grid:
            if want_best is not None and dict(exp_best) != want_best:
                rep.mismatch(case, "backtesting.py (expected reference)", "best",
                             want_best, dict(exp_best), None, "the reference environment is off")
            if "value" in case.expect and exp_stats.get(case.maximize) != case.expect["value"]:
                rep.mismatch(case, "backtesting.py (expected reference)", case.maximize,
                             case.expect["value"], exp_stats.get(case.maximize), None,
                             "the reference environment is off")

    if args.show_stats:
        print("    best stats (backtesting.py):")
        print_stats_brief(exp_stats, "      ")

    samples = sample_indices(exp_rows, names, case.samples)
    sample_stats = []
    for combo in samples[:args.samples if args.samples >= 0 else None]:
        params = collections.OrderedDict(zip(names, combo))
        st = bt_oracle.run_one(bt_oracle.make_backtest(data, case.settings), params)
        sample_stats.append((combo, params, bt_oracle.stats_as_json_values(st)))
        js = sample_stats[-1][2]
        print("    sample %s: # Trades %r, Equity Final %r, %s %r"
              % (fmt_combo(names, combo), js["# Trades"], js["Equity Final [$]"],
                 case.maximize, js.get(case.maximize)))

    if args.python_only:
        return [{"case": case, "tag": case.id, "backend": None, "ncombo": ncombo, "nbars": nbars,
                 "t_py": t_py, "t_bt": None}]

    results = []
    for backend in args.backends:
        tag = case.id if len(args.backends) == 1 else "%s/%s" % (case.id, backend)
        t_bt = compare_btgpu(_Tag(tag), backend, case, args, rep, tmpdir, data_path, grid, names,
                             nbars, t_py, exp_rows, exp_best, exp_stats, sample_stats)
        results.append({"case": case, "tag": tag, "backend": backend, "ncombo": ncombo,
                        "nbars": nbars, "t_py": t_py, "t_bt": t_bt})
    return results


class _Tag:
    """What Report keys mismatches on: the case id, plus the backend when several run."""

    def __init__(self, id):
        self.id = id


def compare_btgpu(tag, backend, case, args, rep, tmpdir, data_path, grid, names, nbars, t_py,
                  exp_rows, exp_best, exp_stats, sample_stats):
    """Steps 2-4 for one btgpu backend; returns btgpu's wall time (None if it failed)."""
    ncombo = len(exp_rows)
    exp_by_combo = dict(exp_rows)
    stem = os.path.join(tmpdir, tag.id.replace("/", "-"))

    # 2. btgpu, whole grid
    heat_out, stats_out = stem + "-heatmap.csv", stem + "-stats.json"
    cmd = btgpu_command(args.btgpu, case, data_path, grid, case.constraint, heat_out, stats_out,
                        backend)
    if args.verbose:
        print("    $ " + " ".join(shlex.quote(c) for c in cmd))
    rc, t_bt, out = run_btgpu(cmd, args.timeout)
    if rc != 0:
        rep.mismatch(tag, "btgpu run", "<exit status>", 0, rc, None,
                     "command: %s\n%s" % (" ".join(shlex.quote(c) for c in cmd), out.strip()))
        rep.failed_cases.append(tag.id)
        return None
    print("    btgpu --backend %s: %.3f s (whole process) = %.0f bar*combos/s (%.1f combos/s); "
          "speed-up %.1fx" % (backend, t_bt, nbars * ncombo / t_bt, ncombo / t_bt, t_py / t_bt),
          flush=True)
    before = rep.mismatches

    # 3. heatmap, best params, best stats
    compare_heatmap(rep, tag, names, exp_rows, heat_out, case.maximize)
    doc = load_stats_json(rep, tag, "best", stats_out)
    if doc is not None:
        compare_params(rep, tag, "best params", exp_best, doc["params"])
        compare_stats(rep, tag, "best %s" % fmt_combo(names, tuple(exp_best.values())),
                      exp_stats, doc["stats"])

    # 4. full stats of sampled combinations
    for k, (combo, params, exp_js) in enumerate(sample_stats, 1):
        what = "sample %s" % fmt_combo(names, combo)
        h1, s1 = stem + "-sample%d-heatmap.csv" % k, stem + "-sample%d-stats.json" % k
        one = [(n, v) for n, v in params.items()]
        cmd1 = btgpu_command(args.btgpu, case, data_path, one, None, h1, s1, backend)
        if args.verbose:
            print("    $ " + " ".join(shlex.quote(c) for c in cmd1))
        rc1, _, out1 = run_btgpu(cmd1, args.timeout)
        if rc1 != 0:
            rep.mismatch(tag, what, "<exit status>", 0, rc1, None,
                         "command: %s\n%s" % (" ".join(shlex.quote(c) for c in cmd1), out1.strip()))
            continue
        rep.combos_compared += 1
        d1 = load_stats_json(rep, tag, what, s1)
        if d1 is not None:
            compare_params(rep, tag, what + " params", params, d1["params"])
            compare_stats(rep, tag, what, exp_js, d1["stats"])
        # the one-row heatmap holds the maximized value (NaN for zero trades)
        if combo in exp_by_combo:
            compare_heatmap(rep, tag, names, [(combo, exp_by_combo[combo])], h1, case.maximize,
                            what="sample heatmap")

    n = rep.mismatches - before
    print("    case %s: %s" % (tag.id, "OK" if n == 0 else "%d MISMATCHES" % n), flush=True)
    return t_bt


def select_cases(only, slow=False):
    if not only:
        return [c for c in CASES if slow or not c.slow]
    wanted = [w.strip() for o in only for w in o.split(",") if w.strip()]
    out = []
    for w in wanted:
        match = [c for c in CASES if w in (c.id, c.name)]
        if not match:
            sys.exit("cases.py: no case %r (have: %s)" % (w, ", ".join("%s=%s" % (c.id, c.name) for c in CASES)))
        for c in match:
            if c not in out:
                out.append(c)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--btgpu", default=os.environ.get("BTGPU") or os.path.join(REPO, "build", "btgpu"),
                    help="the btgpu binary (default: $BTGPU or <repo>/build/btgpu)")
    ap.add_argument("--backend", default="reference,cpu",
                    help="btgpu --backend; several comma-separated (e.g. reference,cpu) are each "
                         "compared with the same backtesting.py results (default: reference)")
    ap.add_argument("--only", action="append", default=[], metavar="CASE",
                    help="run only these cases (id or name; comma-separated or repeated)")
    ap.add_argument("--quick", action="store_true", help="use each case's reduced grid")
    ap.add_argument("--slow", action="store_true",
                    help="also run the slow cases (the 4538-combination reference grid)")
    ap.add_argument("--python-only", action="store_true",
                    help="run only the backtesting.py side and print its results")
    ap.add_argument("--samples", type=int, default=-1,
                    help="compare full stats of at most N sampled combinations per case "
                         "(default: all of first/middle/last/first zero-trade/extra)")
    ap.add_argument("--show-stats", action="store_true", help="print the best combination's stats")
    ap.add_argument("--max-report", type=int, default=40, help="mismatch lines printed per case")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed per btgpu run")
    ap.add_argument("--keep", action="store_true", help="keep btgpu's output files")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the btgpu commands")
    args = ap.parse_args(argv)

    if args.list:
        for c in CASES:
            print("%s  %-32s %-6s %s%s" % (c.id, c.name, c.data, "(slow) " if c.slow else "", c.note))
        return 0
    cases = select_cases(args.only, args.slow)
    args.backends = [b.strip() for b in args.backend.split(",") if b.strip()] or ["reference"]
    if not args.python_only:
        args.btgpu = os.path.abspath(args.btgpu)
        if not (os.path.isfile(args.btgpu) and os.access(args.btgpu, os.X_OK)):
            print("cases.py: btgpu binary not found at %s (build it, pass --btgpu PATH, or use "
                  "--python-only)" % args.btgpu, file=sys.stderr)
            return 2

    print("parity of btgpu against backtesting.py; python %s; %s; cpus %s"
          % (sys.version.split()[0], ", ".join("%s %s" % kv for kv in bt_oracle.versions().items()),
             os.cpu_count()))
    if not args.python_only:
        print("btgpu: %s --backend %s" % (args.btgpu, ",".join(args.backends)))
    for name in sorted({c.data for c in cases}):
        df, path = bt_oracle.load_dataset(name)
        print("data %s: %s (%d rows; pd.read_csv equals backtesting.test.%s)" % (name, path, len(df), name))
    rep = Report(args.max_report)
    tmpdir = tempfile.mkdtemp(prefix="btgpu-parity-")
    results = []
    t0 = time.perf_counter()
    try:
        for case in cases:
            results.extend(run_case(case, args, rep, tmpdir))
    finally:
        if args.keep:
            print("\noutputs kept in %s" % tmpdir)
        else:
            import shutil
            shutil.rmtree(tmpdir, ignore_errors=True)

    print("\n=== summary (%.1f s)" % (time.perf_counter() - t0))
    print("%-12s %-32s %7s %10s %12s %10s %12s  %s" % ("case", "name", "combos", "bt.py s",
                                                       "bt.py b*c/s", "btgpu s", "btgpu b*c/s", "result"))
    for r in results:
        c = r["case"]
        tag = r["tag"]
        work = r["nbars"] * r["ncombo"]
        nm = rep.case_mismatches.get(tag, 0)
        if args.python_only:
            res = "(python only)"
        elif tag in rep.failed_cases:
            res = "BTGPU FAILED"
        else:
            res = "OK" if nm == 0 else "%d mismatches: %s" % (
                nm, ", ".join("%s x%d" % kv for kv in rep.case_keys[tag].most_common()))
        print("%-12s %-32s %7d %10.2f %12.0f %10s %12s  %s"
              % (tag, c.name, r["ncombo"], r["t_py"], work / r["t_py"],
                 "-" if r["t_bt"] is None else "%.3f" % r["t_bt"],
                 "-" if r["t_bt"] is None else "%.0f" % (work / r["t_bt"]), res))
    if args.python_only:
        print("python-only run: %d cases, nothing compared" % len(results))
        return 1 if rep.mismatches else 0
    print("%d cases x %d backend(s) (%s), %d combinations compared, %d values compared, %d mismatches"
          % (len(cases), len(args.backends), ",".join(args.backends), rep.combos_compared,
             rep.keys_compared, rep.mismatches))
    if rep.inexact:
        print("equal within %g but not bit-identical: %s; largest relative difference %.3g (%s)"
              % (RTOL, ", ".join("%s x%d (max %.2g)" % (k, n, rep.key_max_rel[k])
                                 for k, n in rep.inexact.most_common()),
                 rep.max_rel[0], rep.max_rel[1]))
    else:
        print("every compared value is bit-identical")
    print("PARITY %s" % ("OK" if rep.mismatches == 0 else "FAILED"))
    return 1 if rep.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
