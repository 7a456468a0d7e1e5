"""The backtesting.py side of the btgpu parity test.

Runs inside the virtualenv that run_parity.py makes (backtesting 0.6.6 and the
pinned numpy/pandas).  Everything here is what a backtesting.py user would
write for the Quick-Start SmaCross strategy; cases.py only calls:

    load_dataset(name)                       -> (DataFrame, csv path)
    make_backtest(data, settings)            -> Backtest
    optimize(bt, grid, maximize, constraint) -> (stats, heatmap, seconds)
    run_one(bt, params)                      -> stats
    stats_as_json_values(stats)              -> OrderedDict key -> JSON-like value
"""

import collections
import math
import os
import time
import warnings

# backtesting.py warns on every run that leaves a trade open, and optimize()
# on big grids; silence them here and in the forked optimize() workers.
warnings.filterwarnings("ignore")
os.environ["PYTHONWARNINGS"] = "ignore"

import numpy as np                              # noqa: E402
import pandas as pd                             # noqa: E402

import backtesting                              # noqa: E402
from backtesting import Backtest                # noqa: E402
import backtesting.test as _bt_test             # noqa: E402


def _load_sma_cross():
    """strategies/sma_cross.py, the built-in btgpu embeds, imported under a
    module name registered in sys.modules so that optimize()'s forked workers
    can unpickle the class (the Quick-Start strategy of backtesting.py's README)."""
    import importlib.util
    import sys
    name = "btgpu_oracle_sma_cross"
    if name not in sys.modules:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "strategies", "sma_cross.py")
        spec = importlib.util.spec_from_file_location(name, os.path.normpath(path))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name].SmaCross


SmaCross = _load_sma_cross()


STRATEGIES = {"sma_cross": SmaCross}

# Datasets shipped inside the backtesting package (backtesting/test/*.csv).
DATASETS = ("GOOG", "EURUSD", "BTCUSD")


def dataset_path(name):
    return os.path.join(os.path.dirname(backtesting.__file__), "test", name + ".csv")


_loaded = {}


def load_dataset(name):
    """The dataset as a user would read it, checked against backtesting.test.<name>."""
    if name not in _loaded:
        path = dataset_path(name)
        df = pd.read_csv(path, index_col=0, parse_dates=True)
        ref = getattr(_bt_test, name, None)
        if ref is not None and not df.equals(ref):
            raise RuntimeError("pd.read_csv(%s) differs from backtesting.test.%s" % (path, name))
        _loaded[name] = (df, path)
    return _loaded[name]


# Backtest() keyword arguments a case may set; 'fixed_commission' is folded into
# commission=(fixed, relative) as backtesting.py spells it.
BACKTEST_SETTINGS = ("cash", "commission", "fixed_commission", "spread", "margin",
                     "trade_on_close", "hedging", "exclusive_orders", "finalize_trades")


def backtest_kwargs(settings):
    unknown = set(settings) - set(BACKTEST_SETTINGS)
    if unknown:
        raise ValueError("unknown settings: %s" % sorted(unknown))
    kw = dict(settings)
    fixed = kw.pop("fixed_commission", None)
    if fixed is not None:
        kw["commission"] = (fixed, kw.get("commission", 0.0))
    return kw


def make_backtest(data, settings, strategy="sma_cross"):
    return Backtest(data, STRATEGIES[strategy], **backtest_kwargs(settings))


class ExprConstraint:
    """`constraint=` for optimize() from the same expression string given to
    btgpu's --constraint (e.g. 'n1 < n2')."""

    def __init__(self, expr):
        self.expr = expr
        self.code = compile(expr, "<constraint>", "eval")

    def __call__(self, p):
        return bool(eval(self.code, {"__builtins__": {}}, dict(p)))

    def __repr__(self):
        return "ExprConstraint(%r)" % self.expr


def optimize(bt, grid, maximize, constraint=None):
    """bt.optimize(method='grid', return_heatmap=True); grid = [(name, values)].

    Returns (stats, heatmap, wall seconds)."""
    kwargs = collections.OrderedDict(grid)
    t0 = time.perf_counter()
    stats, heatmap = bt.optimize(method="grid", maximize=maximize,
                                 constraint=ExprConstraint(constraint) if constraint else None,
                                 return_heatmap=True, **kwargs)
    return stats, heatmap, time.perf_counter() - t0


def run_one(bt, params):
    return bt.run(**dict(params))


def best_params(stats, names):
    strat = stats["_strategy"]
    return collections.OrderedDict((n, py_scalar(getattr(strat, n))) for n in names)


def py_scalar(v):
    if isinstance(v, np.generic):
        return v.item()
    return v


_DAY = pd.Timedelta(days=1)


def stats_as_json_values(stats):
    """The stats Series as btgpu's --stats JSON is specified to hold them
    (before JSON encoding): Timestamps as ISO 8601 strings, Timedeltas as days
    (float), NaN as None, infinities as 'inf'/'-inf', the '_' entries dropped."""
    out = collections.OrderedDict()
    for k, v in stats.items():
        if k.startswith("_"):
            continue
        out[k] = json_value(v)
    return out


def json_value(v):
    v = py_scalar(v)
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, pd.Timedelta):
        return v / _DAY
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def heatmap_rows(heatmap):
    """[(params tuple, value)] in heatmap order, params as Python scalars."""
    rows = []
    for idx, val in heatmap.items():
        if not isinstance(idx, tuple):
            idx = (idx,)
        rows.append((tuple(py_scalar(x) for x in idx), float(val)))
    return rows


def versions():
    try:
        import bottleneck  # noqa: F401
        bn = bottleneck.__version__
    except ImportError:
        bn = "not installed"
    return collections.OrderedDict([
        ("backtesting", backtesting.__version__), ("numpy", np.__version__),
        ("pandas", pd.__version__), ("bottleneck", bn),
        ("pandas compute.use_bottleneck", pd.get_option("compute.use_bottleneck")),
    ])
