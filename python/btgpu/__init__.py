"""btgpu: backtesting.py 0.6.6's Backtest.optimize() and run(), evaluated by
the btgpu C library in this process.

    from backtesting.test import GOOG
    import btgpu
    bt = btgpu.Backtest(GOOG, SmaCross, cash=10_000, commission=.002)
    stats, heatmap = bt.optimize(n1=range(5, 30, 5), n2=range(10, 70, 5),
                                 constraint="n1 < n2", maximize="SQN", return_heatmap=True)

The strategy is a backtesting.py Strategy subclass (compiled from its source
file, never run in Python), a built-in name ("sma_cross") or a path
("my_strategy.py", "my_strategy.py:MyStrategy"). The results are what
backtesting.py returns: the statistics Series with _strategy, _equity_curve
and _trades, and the heatmap Series indexed by the parameters.
"""

import ctypes
import inspect
import itertools
import math
import numbers
import os
import re
import signal
import threading
import warnings

import numpy as np
import pandas as pd

from . import _lib
from ._lib import lib

__all__ = ["Backtest", "UnsupportedStrategy", "builtin_strategies", "__version__"]
__version__ = "0.1.0"


class UnsupportedStrategy(ValueError):
    """The strategy uses a construct outside the subset btgpu compiles (or its
    file has another error). filename, lineno and construct say where and what."""

    def __init__(self, message, filename=None, lineno=None, construct=None):
        super().__init__(message)
        self.filename, self.lineno, self.construct = filename, lineno, construct


def builtin_strategies():
    """The names of the built-in strategy files (strategies/NAME.py)."""
    return [lib.bt_builtin_file_name(i).decode() for i in range(lib.bt_builtin_file_count())]


def _raise(rc, err, what=None):
    msg = err.msg.decode("utf-8", "replace")
    if what:
        msg = "%s: %s" % (what, msg)
    if rc == _lib.BT_ERR_IO:
        raise OSError(msg)
    if rc == _lib.BT_ERR_NOMEM:
        raise MemoryError(msg)
    if rc == _lib.BT_ERR_INTERRUPTED:
        raise KeyboardInterrupt(msg)
    if rc in (_lib.BT_ERR_UNSUPPORTED, _lib.BT_ERR_DEVICE):
        raise RuntimeError(msg)
    raise ValueError(msg)


# ------------------------------------------------------------------ data

_PRICE_COLUMNS = ("Open", "High", "Low", "Close")


class _Data:
    """A DataFrame as a bt_series. float64 C-contiguous columns are passed
    without copies (the arrays stay referenced here while the series lives)."""

    def __init__(self, data, cash):
        if not isinstance(data, pd.DataFrame):
            raise TypeError("`data` must be a pandas.DataFrame with columns 'Open', 'High', 'Low', 'Close', and "
                            "(optionally) 'Volume'")
        if len(data) == 0:
            raise ValueError("OHLC `data` is empty: no data rows")
        missing = [c for c in _PRICE_COLUMNS if c not in data.columns]
        if missing:
            raise ValueError("missing required column '%s' (columns are: %s); `data` must be a pandas.DataFrame "
                             "with columns 'Open', 'High', 'Low', 'Close', and (optionally) 'Volume'"
                             % (missing[0], ", ".join(map(str, data.columns))))
        if not data.index.is_monotonic_increasing:
            warnings.warn("Data index is not sorted in ascending order. Sorting.", stacklevel=3)
            data = data.sort_index(kind="stable")
        self.df = data
        self.index = index = data.index
        self.arrays = {}
        for name in _PRICE_COLUMNS + ("Volume",):
            if name not in data.columns:
                self.arrays[name] = np.full(len(data), np.nan)
                continue
            col = data[name]
            if isinstance(col, pd.DataFrame):
                raise ValueError("column '%s' appears more than once" % name)
            try:
                a = np.ascontiguousarray(col.to_numpy(dtype=np.float64, na_value=np.nan))
            except (TypeError, ValueError):
                raise ValueError("column '%s': values of type %s are not numbers" % (name, col.dtype)) from None
            if name != "Volume":
                bad = ~np.isfinite(a)
                if bad.any():
                    i = int(np.flatnonzero(bad)[0])
                    raise ValueError("column '%s': %r at row %d (index %s) is not a finite number (prices must be "
                                     "finite numbers; strip such rows with df.dropna() or fill them in)"
                                     % (name, float(a[i]), i, index[i]))
            self.arrays[name] = a
        self.is_datetime = isinstance(index, pd.DatetimeIndex)
        if self.is_datetime:
            if index.tz is not None and len(index):
                # wall time minus UTC: one offset for every bar, or btgpu's durations (which it takes
                # from the wall times) would miss the hours a daylight-saving change adds or removes
                offsets = index.tz_localize(None).as_unit("ns").asi8 - index.as_unit("ns").asi8
                if (offsets != offsets[0]).any():
                    i = int(np.flatnonzero(offsets != offsets[0])[0])
                    raise ValueError("the index's time zone %s changes its UTC offset within the data (%s, then %s "
                                     "at row %d): btgpu needs one offset for every bar; convert the index first, "
                                     "e.g. df.tz_convert('UTC') (or df.tz_localize(None) for wall times)"
                                     % (index.tz, index[0].strftime("%z"), index[i].strftime("%z"), i))
            naive = index.tz_localize(None) if index.tz is not None else index
            ns = naive.as_unit("ns").asi8
            if (ns % 1_000_000_000).any():
                raise ValueError("the index has times with fractions of a second; btgpu reads whole seconds")
            time = ns // 1_000_000_000
        elif pd.api.types.is_integer_dtype(index.dtype):
            time = index.to_numpy(dtype=np.int64)
        else:
            raise ValueError("the index must be a DatetimeIndex or integers (it is %s)" % index.dtype)
        self.time = np.ascontiguousarray(time, dtype=np.int64)
        s = _lib.Series()
        s.n = len(data)
        s.time = self.time.ctypes.data_as(ctypes.POINTER(ctypes.c_int64))
        ptr = ctypes.POINTER(ctypes.c_double)
        s.open, s.high, s.low, s.close, s.volume = (self.arrays[c].ctypes.data_as(ptr)
                                                    for c in _PRICE_COLUMNS + ("Volume",))
        s.is_datetime = int(self.is_datetime)
        s.has_volume = int("Volume" in data.columns)
        s.index_name = str(index.name if index.name is not None else "").encode()[:63]
        if self.is_datetime and index.tz is not None:
            off = index[0].utcoffset()
            if off is not None:
                minutes = int(off.total_seconds() // 60)
                s.tz = ("%s%02d:%02d" % ("-" if minutes < 0 else "+", abs(minutes) // 60, abs(minutes) % 60)).encode()
        dup = np.flatnonzero(self.time[1:] == self.time[:-1])
        s.n_duplicates = len(dup)
        s.first_duplicate_line = int(dup[0]) + 3 if len(dup) else 0
        self.series = s
        if (self.arrays["Close"] > cash).any():
            warnings.warn("Some prices are larger than initial cash value. Note that fractional trading is not "
                          "supported by this class.", stacklevel=3)


# ------------------------------------------------------------------ strategies

_FILE_ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.*)$", re.S)


class _Strategy:
    """A resolved strategy (bt_strategy_resolve), released when collected."""

    def __init__(self, strategy):
        self.cls = None
        if inspect.isclass(strategy):
            try:
                path = inspect.getsourcefile(strategy)
            except TypeError:
                path = None
            if not path or not os.path.exists(path):
                raise UnsupportedStrategy("class %s: its source file cannot be found (btgpu compiles a Strategy "
                                          "class from its .py file; define it in a file, not interactively)"
                                          % strategy.__name__)
            spec = "%s:%s" % (path, strategy.__name__)
            self.cls = strategy
            self.name = strategy.__name__
        elif isinstance(strategy, (str, os.PathLike)):
            spec = os.fspath(strategy)
            self.name = None
        else:
            raise TypeError("`strategy` must be a backtesting.py Strategy subclass, a built-in strategy name or a "
                            "path to a .py file, not %r" % (strategy,))
        self.spec = spec
        info = ctypes.POINTER(_lib.StrategyInfo)()
        err = _lib.Error()
        rc = lib.bt_strategy_resolve(spec.encode(), ctypes.byref(info), ctypes.byref(err))
        if rc != _lib.BT_OK:
            msg = err.msg.decode("utf-8", "replace")
            if rc == _lib.BT_ERR_IO:
                raise OSError(msg)
            m = _FILE_ERROR.match(msg)
            if m:
                construct = re.match(r"^'(.*?)' is not supported", m.group("rest"), re.S)
                raise UnsupportedStrategy(msg, m.group("file"), int(m.group("line")),
                                          construct.group(1) if construct else None)
            raise UnsupportedStrategy(msg) if ".py" in spec else ValueError(msg)
        self.info = info
        st = info.contents
        if self.name is None:
            self.name = (st.class_name or _builtin_class_name(spec) or st.name or b"").decode()
        self.param_names = [st.param_names[i].decode() for i in range(st.n_params)]

    def __del__(self):
        info = getattr(self, "info", None)
        if info:
            lib.bt_strategy_release(info)
            self.info = None


def _builtin_class_name(name):
    """The class of a native built-in's file (sma_cross: SmaCross), or None."""
    i = lib.bt_builtin_file_find(name.encode())
    if i < 0:
        return None
    info = ctypes.POINTER(_lib.StrategyInfo)()
    if lib.bt_strategy_builtin_compile(i, ctypes.byref(info), None) != _lib.BT_OK:
        return None
    try:
        return info.contents.class_name
    finally:
        lib.bt_strategy_release(info)


class _StrategyInstance:
    """What stats['_strategy'] holds: prints as backtesting.py's Strategy
    instance does (SmaCross(n1=10,n2=20)); the parameters are attributes."""

    def __init__(self, name, params, cls=None):
        self._name, self._params, self._class = name, dict(params), cls
        for k, v in self._params.items():
            setattr(self, k, v)

    def __str__(self):
        params = ",".join("%s=%s" % (k, _as_str(v)) for k, v in self._params.items())
        return self._name + ("(%s)" % params if params else "")

    __repr__ = __str__

    def __eq__(self, other):
        return str(self) == str(other)

    __hash__ = None


def _as_str(v):
    """A parameter value as backtesting.py prints it in a Strategy's name (a numpy bool, which
    optimize() passes for a bool parameter, is no numbers.Number there and prints empty)."""
    if isinstance(v, (numbers.Number, str)):
        return str(v)
    name = str(getattr(v, "name", "") or "")
    if callable(v):
        name = getattr(v, "__name__", v.__class__.__name__).replace("<lambda>", "\u03bb")
    return name[:9] + "\u2026" if len(name) > 10 else name


# ------------------------------------------------------------------ grid

def _values(name, v):
    if isinstance(v, (str, bytes)) or not isinstance(v, (list, tuple, range, np.ndarray, pd.Index, pd.Series)):
        v = [v]
    if len(v) == 0:
        raise ValueError("Optimization variable '%s' is passed no optimization values: %s=%r" % (name, name, v))
    return v


def _literal(name, x):
    if isinstance(x, (bool, np.bool_)):
        return "True" if x else "False"
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, numbers.Real):
        x = float(x)
        if not math.isfinite(x):
            raise ValueError("parameter '%s': %r is not a finite number" % (name, x))
        return repr(x)
    raise ValueError("parameter '%s': %r: btgpu takes ints, floats and bools as parameter values" % (name, x))


def _spec(name, values):
    if isinstance(values, range):
        return "%s=%d:%d:%d" % (name, values.start, values.stop, values.step)
    return "%s=%s" % (name, ",".join(_literal(name, x) for x in values))


class _AttrDict(dict):
    def __getattr__(self, item):
        return self[item]


class _Grid:
    def __init__(self, params, constraint):
        self.names = list(params)
        self.values = [list(_values(k, v)) for k, v in params.items()]
        if len(self.names) > _lib.BT_MAX_PARAMS:
            raise ValueError("btgpu sweeps at most %d parameters at once (%d given)"
                             % (_lib.BT_MAX_PARAMS, len(self.names)))
        self.grid = _lib.Grid()
        self.mask = None
        err = _lib.Error()
        try:
            for k, v in zip(self.names, params.values()):
                rc = lib.bt_grid_add_param(ctypes.byref(self.grid), _spec(k, _values(k, v)).encode(),
                                           ctypes.byref(err))
                if rc:
                    _raise(rc, err)
            self.shape = [len(v) for v in self.values]
            if isinstance(constraint, str):
                rc = lib.bt_grid_set_constraint(ctypes.byref(self.grid), constraint.encode(), ctypes.byref(err))
                if rc:
                    _raise(rc, err)
            elif callable(constraint):
                # backtesting.py's way: the callable on every combination of the product, in Python
                n = int(np.prod(self.shape)) if self.shape else 1
                mask = np.fromiter((bool(constraint(_AttrDict(zip(self.names, combo))))
                                    for combo in itertools.product(*self.values)), dtype=np.uint8, count=n)
                self.mask = mask
                self.grid.mask = mask.ctypes.data
            elif constraint is not None:
                raise TypeError("`constraint` must be a function that accepts a dict of strategy parameters and "
                                "returns a bool whether the combination of parameters is admissible or not, or an "
                                "expression string such as 'n1 < n2'")
        except BaseException:
            lib.bt_grid_free(ctypes.byref(self.grid))
            raise

    def combo(self, k):
        """The Python values of product index k."""
        pos = np.unravel_index(int(k), self.shape) if self.shape else ()
        return {n: self.values[i][p] for i, (n, p) in enumerate(zip(self.names, pos))}

    def positions(self, rows):
        """Each row's position in every parameter's value list (rows: n x n_params doubles)."""
        out = []
        for i, vals in enumerate(self.values):
            keys = np.array([float(x) for x in vals])
            order = np.argsort(keys, kind="stable")
            at = np.searchsorted(keys[order], rows[:, i])
            out.append(order[np.clip(at, 0, len(keys) - 1)])
        return out

    def __del__(self):
        if hasattr(self, "grid"):
            lib.bt_grid_free(ctypes.byref(self.grid))


def _level(vals, pos):
    """The index level of one parameter: its Python values (typed as pandas types them)."""
    arr = pd.Index(list(vals))
    return arr[pos]


# ------------------------------------------------------------------ results

_START, _END, _DURATION, _N_TRADES = 0, 1, 2, 21


def _stats_series(data, stats, run, strategy_obj, indicators=True):
    idx = data.index
    out = {}
    for i in range(_lib.BT_N_STATS):
        if not stats.present[i]:
            continue
        v, kind = stats.v[i], stats.kind[i]
        if i == _START:
            x = idx[0]
        elif i == _END:
            x = idx[-1]
        elif i == _DURATION:
            x = idx[-1] - idx[0]
        elif kind == _lib.BT_KIND_TIMEDELTA:
            x = pd.NaT if math.isnan(v) else pd.Timedelta(int(round(v)), unit="s")
        elif kind == _lib.BT_KIND_TIME:
            x = v
        elif i == _N_TRADES:
            x = int(v)
        else:
            x = np.float64(v)
        out[_lib.STAT_NAMES[i]] = x
    out["_strategy"] = strategy_obj
    out["_equity_curve"] = _equity_frame(data, run)
    out["_trades"] = _trades_frame(data, run, indicators)
    return pd.Series(out, dtype=object)


def _equity_frame(data, run):
    n = run.n_bars
    idx = data.index
    eq = np.ctypeslib.as_array(run.equity, shape=(n,)).copy() if n else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        dd = 1 - eq / np.maximum.accumulate(eq)
    # drawdown episodes as backtesting.py counts them: they end at the bars without a drawdown and at the last bar
    ends = np.unique(np.r_[np.flatnonzero(dd == 0), n - 1])
    keep = np.r_[False, ends[1:] > ends[:-1] + 1]
    if not keep.any():
        dur = pd.Series(dd, index=idx).replace(0, np.nan)
    else:
        e, b = ends[keep], ends[np.flatnonzero(keep) - 1]
        d = idx[e] - idx[b]
        if isinstance(idx, pd.DatetimeIndex):
            dur = pd.Series(pd.NaT, index=idx, dtype=d.dtype)
            dur.iloc[e] = d
        else:
            dur = pd.Series(np.nan, index=idx)
            dur.iloc[e] = np.asarray(d, dtype=np.float64)
    return pd.DataFrame({"Equity": eq, "DrawdownPct": dd, "DrawdownDuration": dur.to_numpy()}, index=idx)


def _trades_frame(data, run, indicators):
    n = run.n_trades
    idx = data.index
    if n:
        buf = (_lib.Trade * n).from_address(ctypes.addressof(run.trades.contents))
        t = np.frombuffer(buf, dtype=np.dtype([("size", "f8"), ("entry_bar", "u8"), ("exit_bar", "u8"),
                                                ("entry_price", "f8"), ("exit_price", "f8"), ("sl", "f8"),
                                                ("tp", "f8"), ("pnl", "f8"), ("commission", "f8"),
                                                ("return_pct", "f8")])).copy()
    else:
        t = None

    def col(name, dtype=None):
        if t is None:
            return []
        return t[name].astype(dtype) if dtype else t[name]

    def price_or_none(name):
        if t is None:
            return []
        v = t[name]
        return [None] * n if np.isnan(v).all() else v

    entry = col("entry_bar", np.int64)
    exit_ = col("exit_bar", np.int64)
    df = pd.DataFrame({
        "Size": col("size", np.int64), "EntryBar": entry, "ExitBar": exit_,
        "EntryPrice": col("entry_price"), "ExitPrice": col("exit_price"),
        "SL": price_or_none("sl"), "TP": price_or_none("tp"), "PnL": col("pnl"),
        "Commission": col("commission"), "ReturnPct": col("return_pct"),
        "EntryTime": idx[entry] if n else [], "ExitTime": idx[exit_] if n else [],
    })
    df["Duration"] = df["ExitTime"] - df["EntryTime"]
    df["Tag"] = [None] * n
    if n and indicators:
        for i in range(run.n_indicators):
            name = run.indicator_names[i].value.decode()
            vals = np.ctypeslib.as_array(run.indicator_values[i], shape=(run.n_bars,))
            if run.indicator_bool[i]:
                vals = vals != 0
            df["Entry_" + name] = vals[entry]
            df["Exit_" + name] = vals[exit_]
    return df


class _Progress:
    def __init__(self, enabled, desc):
        self.bar = None
        self.interrupted = False
        self.enabled = enabled
        self.desc = desc
        self.fn = _lib.PROGRESS_FN(self._on)
        self.stop = ctypes.c_int(0)  # bt_optimize_spec.stop_flag: the engines look at it inside a chunk

    def _on(self, ctx, done, total):
        if self.interrupted:
            return 1  # stop the search at this chunk
        try:
            if self.enabled and total > 1:
                if self.bar is None:
                    try:
                        from tqdm.auto import tqdm
                    except ImportError:
                        self.enabled = False
                        return 0
                    self.bar = tqdm(total=int(total), desc=self.desc, leave=False, mininterval=0.5)
                self.bar.update(int(done) - self.bar.n)
            return 0
        except KeyboardInterrupt:
            self.interrupted = True
            return 1

    def _on_sigint(self, signum, frame):
        self.interrupted = True
        self.stop.value = 1

    def call(self, fn, *args):
        """fn(*args), in a worker thread when this is the main thread, so that the main
        thread's Python signal handler runs during the call (it would wait for the next
        progress callback otherwise) and the stop flag reaches the engines at once."""
        if not self.installed:
            return fn(*args)
        box = []
        worker = threading.Thread(target=lambda: box.append(fn(*args)), name="btgpu-search", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(0.05)
        return box[0]

    def __enter__(self):
        # Ctrl-C during the search: noted here, the search stops at once (stop_flag), and
        # KeyboardInterrupt is raised once it has returned (a handler cannot raise inside the C call)
        self.previous, self.installed = None, False
        if threading.current_thread() is threading.main_thread():
            try:
                self.previous = signal.signal(signal.SIGINT, self._on_sigint)
                self.installed = True
            except (ValueError, TypeError):
                self.previous = None
        return self

    def __exit__(self, *exc):
        if self.installed and self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.bar is not None:
            self.bar.close()
        return False


# ------------------------------------------------------------------ Backtest

class Backtest:
    """backtesting.py 0.6.6's Backtest: the same arguments; optimize() and
    run() return what backtesting.py's do."""

    def __init__(self, data, strategy, *, cash=10_000, spread=.0, commission=.0, margin=1.,
                 trade_on_close=False, hedging=False, exclusive_orders=False, finalize_trades=False):
        o = _lib.Options()
        lib.bt_options_default(ctypes.byref(o))
        if not isinstance(spread, numbers.Number):
            raise TypeError("`spread` must be a float value, percent of entry order price")
        if isinstance(commission, tuple) and len(commission) == 2:
            o.fixed_commission, o.commission = float(commission[0]), float(commission[1])
        elif isinstance(commission, numbers.Number):
            o.commission = float(commission)
        elif callable(commission):
            raise ValueError("`commission` as a function is not supported by btgpu; give a rate or a tuple "
                             "(fixed, relative)")
        else:
            raise TypeError("`commission` must be a float percent of order value or a tuple of `(fixed, "
                            "relative)` commission")
        o.cash, o.spread, o.margin = float(cash), float(spread), float(margin)
        o.trade_on_close, o.hedging = int(bool(trade_on_close)), int(bool(hedging))
        o.exclusive_orders, o.finalize_trades = int(bool(exclusive_orders)), int(bool(finalize_trades))
        err = _lib.Error()
        rc = lib.bt_options_validate(ctypes.byref(o), ctypes.byref(err))
        if rc:
            _raise(rc, err)
        self._options = o
        self._data = _Data(data, o.cash)
        self._strategy = _Strategy(strategy)
        self._results = None

    # the search itself: bt_optimize over a grid, every row kept in a bt_row_buffer
    def _search(self, grid, key, hstats, backend, threads, progress, keep_indicators=True, randomized=False,
                max_tries=None, random_state=None):
        if backend not in _lib.BACKENDS:
            raise ValueError("backend must be one of %s, not %r" % (", ".join(_lib.BACKENDS), backend))
        rows = _lib.RowBuffer()
        rows.n_values = len(grid.names)
        hs = (ctypes.c_int * max(1, len(hstats)))(*hstats)
        rows.n_stats = len(hstats)
        prog = _Progress(progress, "Backtest.optimize")
        spec = _lib.OptimizeSpec()
        spec.series = ctypes.pointer(self._data.series)
        spec.strategy = self._strategy.info
        spec.grid = ctypes.pointer(grid.grid)
        spec.options = ctypes.pointer(self._options)
        spec.maximize = key
        spec.backend = _lib.BACKENDS[backend]
        spec.threads = int(threads or 0)
        spec.on_stats_row = _lib.ROW_BUFFER_APPEND
        spec.on_row_ctx = ctypes.addressof(rows)
        spec.heatmap_stats = hs
        spec.n_heatmap_stats = len(hstats)
        spec.on_progress = prog.fn
        spec.stop_flag = ctypes.addressof(prog.stop)
        spec.keep_indicators = int(keep_indicators)
        if randomized:
            spec.randomized = 1
            spec.max_tries = float(max_tries or 0)
            if random_state is None:
                random_state = int.from_bytes(os.urandom(8), "little") & (2 ** 63 - 1)
            spec.random_state = int(random_state)
        res = _lib.OptimizeResult()
        err = _lib.Error()
        try:
            with prog:
                rc = prog.call(lib.bt_optimize, ctypes.byref(spec), ctypes.byref(res), ctypes.byref(err))
            if prog.interrupted:
                raise KeyboardInterrupt()
            if rc:
                _raise(rc, err)
            width = rows.n_values + 1 + rows.n_stats
            table = (np.ctypeslib.as_array(rows.rows, shape=(rows.n, width)).copy() if rows.n
                     else np.zeros((0, width)))
            return res, table
        except BaseException:
            lib.bt_optimize_result_free(ctypes.byref(res))
            raise
        finally:
            lib.bt_row_buffer_free(ctypes.byref(rows))

    def _check_key(self, maximize):
        key = lib.bt_stat_find(maximize.encode())
        if key < 0:
            raise ValueError("`maximize`, if str, must match a key in pd.Series result of backtest.run() "
                             "(%r is not one; e.g. 'SQN', 'Equity Final [$]', 'Sharpe Ratio')" % (maximize,))
        if not _lib.RANKABLE[key]:
            raise ValueError("`maximize`: %r is the same for every combination" % (maximize,))
        return key

    def _result(self, res, params):
        try:
            strat = _StrategyInstance(self._strategy.name, params, self._strategy.cls)
            return _stats_series(self._data.df, res.best_stats, res.best_run, strat)
        finally:
            lib.bt_optimize_result_free(ctypes.byref(res))

    def run(self, *, backend="cpu", threads=None, **kwargs):
        """One backtest with the given strategy parameters; returns the statistics Series."""
        grid = _Grid({k: [v] for k, v in kwargs.items()}, None)
        res, _ = self._search(grid, lib.bt_stat_find(b"SQN"), [], backend, threads, False)
        self._results = self._result(res, kwargs)
        return self._results

    def optimize(self, *, maximize="SQN", method="grid", max_tries=None, constraint=None, return_heatmap=False,
                 return_optimization=False, random_state=None, return_all_stats=False, backend="cpu",
                 threads=None, progress=True, **kwargs):
        """backtesting.py's grid search (method='grid'; with max_tries its randomized grid).

        constraint: an expression string over the parameters ('n1 < n2'), evaluated in C, or a callable
        on a dict of parameters, evaluated in Python on every combination of the product first (about a
        microsecond each). maximize: a statistic's key or a callable on each combination's statistics
        Series (every statistic, without _strategy, _equity_curve and _trades; called in Python per
        combination). return_all_stats=True also returns a DataFrame of every statistic per
        combination (rows without trades hold NaN)."""
        if not kwargs:
            raise ValueError("Need some strategy parameters to optimize")
        if method == "random":
            method = "grid"
        if method in ("sambo", "skopt"):
            raise ValueError("method=%r (model-based optimization) is not supported by btgpu; use method='grid', "
                             "with max_tries for a randomized grid" % method)
        if method != "grid":
            raise ValueError("Method should be 'grid' or 'sambo', not %r" % (method,))
        if return_optimization:
            raise ValueError("return_optimization=True only valid if method='sambo'")
        if isinstance(maximize, str):
            key, name, fn = self._check_key(maximize), maximize, None
        elif callable(maximize):
            key, name, fn = lib.bt_stat_find(b"SQN"), None, maximize
        else:
            raise TypeError("`maximize` must be str (a field of backtest.run() result Series) or a function that "
                            "accepts result Series and returns a number; the higher the better")
        grid = _Grid(kwargs, constraint)
        all_ids = [i for i in range(_lib.BT_N_STATS) if _lib.RANKABLE[i]]
        hstats = all_ids if (return_all_stats or fn) else []
        res, table = self._search(grid, key, hstats, backend, threads, progress, keep_indicators=fn is None,
                                  randomized=max_tries is not None, max_tries=max_tries, random_state=random_state)
        try:
            npar = len(grid.names)
            pos = grid.positions(table[:, :npar])
            index = pd.MultiIndex.from_arrays([_level(v, p) for v, p in zip(grid.values, pos)], names=grid.names)
            all_stats = None
            if hstats:
                all_stats = pd.DataFrame(table[:, npar + 1:], index=index,
                                         columns=[_lib.STAT_NAMES[i] for i in hstats])
                if "# Trades" in all_stats:
                    all_stats["# Trades"] = all_stats["# Trades"].fillna(0).astype(np.int64)
            if fn is None:
                values = table[:, npar]
            else:
                values = self._call_maximize(fn, all_stats)
            heatmap = pd.Series(values, index=index, name=name)
            if fn is None:
                # the best row's index values, as backtesting.py takes them from heatmap.idxmax()
                order = np.ravel_multi_index(pos, grid.shape) if npar else np.zeros(len(table), dtype=np.int64)
                row = int(np.searchsorted(order, res.best_index))
                best = dict(zip(grid.names, index[row])) if npar else {}
                stats = self._result(res, best)
            else:
                lib.bt_optimize_result_free(ctypes.byref(res))
                if np.isnan(values).all():
                    best = dict(zip(grid.names, index[0]))
                else:
                    best = dict(zip(grid.names, index[int(np.nanargmax(values))]))
                stats = self.run(backend=backend, threads=threads, **best)
        except BaseException:
            lib.bt_optimize_result_free(ctypes.byref(res))
            raise
        self._results = stats
        out = [stats]
        if return_heatmap:
            out.append(heatmap)
        if return_all_stats:
            out.append(all_stats)
        return stats if len(out) == 1 else tuple(out)

    def _call_maximize(self, fn, all_stats):
        idx = self._data.df.index
        const = {"Start": idx[0], "End": idx[-1], "Duration": idx[-1] - idx[0]}
        values = np.full(len(all_stats), np.nan)
        cols = list(all_stats.columns)
        trades = cols.index("# Trades")
        for r, row in enumerate(all_stats.itertuples(index=False, name=None)):
            if not row[trades]:
                continue  # no trades: backtesting.py leaves the heatmap NaN
            s = pd.Series({**const, **dict(zip(cols, row))}, dtype=object)
            values[r] = fn(s)
        return values
