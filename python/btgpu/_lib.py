"""ctypes mirror of include/btgpu.h: the structures and functions the package
calls. Every structure's size is checked against the library's bt_sizeof()
when the library is loaded, so a header change that is not mirrored here
fails at import instead of corrupting memory."""

import ctypes
import os
from ctypes import (POINTER, CFUNCTYPE, c_char, c_char_p, c_double, c_int, c_int64, c_size_t, c_ubyte,
                    c_uint64, c_void_p)

BT_OK = 0
BT_ERR_USAGE = -1
BT_ERR_IO = -2
BT_ERR_DATA = -3
BT_ERR_NOMEM = -4
BT_ERR_RANGE = -5
BT_ERR_UNSUPPORTED = -6
BT_ERR_DEVICE = -7
BT_ERR_INTERRUPTED = -8

BT_MAX_PARAMS = 8
BT_MAX_STRATEGY_PARAMS = 32
BT_NAME_MAX = 32
BT_N_STATS = 32
BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_BOOL = 0, 1, 2
BT_KIND_NUMBER, BT_KIND_TIME, BT_KIND_TIMEDELTA = 0, 1, 2

BACKENDS = {"reference": 0, "cpu": 1, "opencl": 2, "auto": 3, "cuda": 4}


class Error(ctypes.Structure):
    _fields_ = [("status", c_int), ("msg", c_char * 1024)]


class Series(ctypes.Structure):
    _fields_ = [("n", c_size_t), ("time", POINTER(c_int64)),
                ("open", POINTER(c_double)), ("high", POINTER(c_double)), ("low", POINTER(c_double)),
                ("close", POINTER(c_double)), ("volume", POINTER(c_double)),
                ("is_datetime", c_int), ("has_volume", c_int), ("was_sorted", c_int),
                ("n_duplicates", c_size_t), ("first_duplicate_line", c_size_t),
                ("index_name", c_char * 64), ("tz", c_char * 8)]


class ParamSpec(ctypes.Structure):
    _fields_ = [("name", c_char * BT_NAME_MAX), ("n_values", c_size_t), ("values", POINTER(c_double)),
                ("types", POINTER(c_ubyte))]


class Grid(ctypes.Structure):
    _fields_ = [("n_params", c_size_t), ("params", ParamSpec * BT_MAX_PARAMS), ("n_product", c_uint64),
                ("constraint", c_void_p), ("mask", c_void_p)]


class StrategyInfo(ctypes.Structure):
    _fields_ = [("name", c_char_p), ("description", c_char_p), ("n_params", c_size_t),
                ("param_names", c_char_p * BT_MAX_STRATEGY_PARAMS),
                ("param_defaults", c_double * BT_MAX_STRATEGY_PARAMS),
                ("param_types", c_ubyte * BT_MAX_STRATEGY_PARAMS),
                ("compiled", c_void_p), ("class_name", c_char_p)]


class Options(ctypes.Structure):
    _fields_ = [("cash", c_double), ("commission", c_double), ("fixed_commission", c_double),
                ("spread", c_double), ("margin", c_double), ("trade_on_close", c_int),
                ("exclusive_orders", c_int), ("hedging", c_int), ("finalize_trades", c_int)]


class Trade(ctypes.Structure):
    _fields_ = [("size", c_double), ("entry_bar", c_size_t), ("exit_bar", c_size_t),
                ("entry_price", c_double), ("exit_price", c_double), ("sl", c_double), ("tp", c_double),
                ("pnl", c_double), ("commission", c_double), ("return_pct", c_double)]


class Run(ctypes.Structure):
    _fields_ = [("n_bars", c_size_t), ("equity", POINTER(c_double)), ("trades", POINTER(Trade)),
                ("n_trades", c_size_t), ("cap_trades", c_size_t), ("warmup", c_size_t), ("start", c_size_t),
                ("n_open_at_end", c_size_t), ("out_of_money", c_int), ("n_indicators", c_size_t),
                ("indicator_names", POINTER(c_char * 192)), ("indicator_values", POINTER(POINTER(c_double))),
                ("indicator_bool", POINTER(c_ubyte)), ("n_indicators_unnamed", c_size_t)]


class Stats(ctypes.Structure):
    _fields_ = [("v", c_double * BT_N_STATS), ("present", c_ubyte * BT_N_STATS), ("kind", c_ubyte * BT_N_STATS)]


class Progress(ctypes.Structure):
    _fields_ = [("done", c_uint64), ("total", c_uint64), ("n_admissible", c_uint64), ("rejected_run", c_uint64)]


PROGRESS_FN = CFUNCTYPE(c_int, c_void_p, c_uint64, c_uint64)


class OptimizeSpec(ctypes.Structure):
    _fields_ = [("series", POINTER(Series)), ("strategy", POINTER(StrategyInfo)), ("grid", POINTER(Grid)),
                ("options", POINTER(Options)), ("maximize", c_int), ("backend", c_int), ("threads", c_int),
                ("on_row", c_void_p), ("on_row_ctx", c_void_p), ("on_typed_row", c_void_p),
                ("device", c_char_p), ("top_k", c_size_t), ("on_progress", PROGRESS_FN),
                ("on_progress_ctx", c_void_p), ("randomized", c_int), ("max_tries", c_double),
                ("random_state", c_uint64), ("keep_top_runs", c_int), ("heatmap_stats", POINTER(c_int)),
                ("n_heatmap_stats", c_size_t), ("on_stats_row", c_void_p), ("min_trades", c_uint64),
                ("on_progress_info", c_void_p), ("range_begin", c_uint64), ("range_end", c_uint64),
                ("rng_skip", c_uint64), ("partial", c_int), ("keep_indicators", c_int), ("stop_flag", c_void_p)]


class TopEntry(ctypes.Structure):
    _fields_ = [("index", c_uint64), ("values", c_double * BT_MAX_PARAMS), ("types", c_int * BT_MAX_PARAMS),
                ("params", c_double * BT_MAX_STRATEGY_PARAMS), ("param_types", c_int * BT_MAX_STRATEGY_PARAMS),
                ("value", c_double), ("stats", Stats), ("run", Run)]


class OptimizeResult(ctypes.Structure):
    _fields_ = [("n_admissible", c_uint64), ("n_passing", c_uint64), ("sample_frac", c_double),
                ("n_no_trades", c_uint64), ("best_index", c_uint64), ("best_values", c_double * BT_MAX_PARAMS),
                ("best_types", c_int * BT_MAX_PARAMS), ("best_params", c_double * BT_MAX_STRATEGY_PARAMS),
                ("best_param_types", c_int * BT_MAX_STRATEGY_PARAMS), ("best_value", c_double),
                ("best_run", Run), ("best_stats", Stats), ("top", POINTER(TopEntry)), ("n_top", c_size_t),
                ("stopped", c_int), ("n_done", c_uint64), ("backend_used", c_char * 160),
                ("note", c_char * 1280), ("n_few_trades", c_uint64)]


class RowBuffer(ctypes.Structure):
    _fields_ = [("n_values", c_size_t), ("n_stats", c_size_t), ("n", c_size_t), ("cap", c_size_t),
                ("rows", POINTER(c_double))]


_MIRRORED = {"bt_error": Error, "bt_series": Series, "bt_param_spec": ParamSpec, "bt_grid": Grid,
             "bt_strategy_info": StrategyInfo, "bt_options": Options, "bt_trade": Trade, "bt_run": Run,
             "bt_stats": Stats, "bt_optimize_spec": OptimizeSpec, "bt_progress": Progress,
             "bt_top_entry": TopEntry, "bt_optimize_result": OptimizeResult, "bt_row_buffer": RowBuffer}


def _declare(lib):
    P = POINTER
    sigs = {
        "bt_sizeof": (c_size_t, [c_char_p]),
        "bt_options_default": (None, [P(Options)]),
        "bt_options_validate": (c_int, [P(Options), P(Error)]),
        "bt_grid_add_param": (c_int, [P(Grid), c_char_p, P(Error)]),
        "bt_grid_set_constraint": (c_int, [P(Grid), c_char_p, P(Error)]),
        "bt_grid_free": (None, [P(Grid)]),
        "bt_strategy_resolve": (c_int, [c_char_p, P(P(StrategyInfo)), P(Error)]),
        "bt_strategy_release": (None, [P(StrategyInfo)]),
        "bt_stat_name": (c_char_p, [c_int]),
        "bt_stat_find": (c_int, [c_char_p]),
        "bt_stat_rankable": (c_int, [c_int]),
        "bt_optimize": (c_int, [P(OptimizeSpec), P(OptimizeResult), P(Error)]),
        "bt_optimize_result_free": (None, [P(OptimizeResult)]),
        "bt_row_buffer_free": (None, [P(RowBuffer)]),
        "bt_builtin_file_count": (c_size_t, []),
        "bt_builtin_file_name": (c_char_p, [c_size_t]),
        "bt_builtin_file_find": (ctypes.c_long, [c_char_p]),
        "bt_strategy_builtin_compile": (c_int, [c_size_t, P(P(StrategyInfo)), P(Error)]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args


def _find_library():
    here = os.path.dirname(os.path.abspath(__file__))
    env = os.environ.get("BTGPU_LIBRARY")
    for path in ([env] if env else []) + [os.path.join(here, "libbtgpu.so"), os.path.join(here, "libbtgpu.dylib")]:
        if os.path.exists(path):
            return path
    raise ImportError("btgpu: libbtgpu.so is missing from %s (install the package with `pip install .` from the "
                      "btgpu source tree, which builds it)" % here)


def load():
    lib = ctypes.CDLL(_find_library())
    _declare(lib)
    for cname, cls in _MIRRORED.items():
        want = lib.bt_sizeof(cname.encode())
        if want != ctypes.sizeof(cls):
            raise ImportError("btgpu: the library's %s has %d bytes, the package's mirror %d: the package and "
                              "libbtgpu.so are from different versions" % (cname, want, ctypes.sizeof(cls)))
    return lib


lib = load()
# the C row sink, passed to bt_optimize as a plain function pointer (no Python call per row)
ROW_BUFFER_APPEND = ctypes.cast(lib.bt_row_buffer_append, c_void_p).value

STAT_NAMES = [lib.bt_stat_name(i).decode() for i in range(BT_N_STATS)]
RANKABLE = [bool(lib.bt_stat_rankable(i)) for i in range(BT_N_STATS)]
