"""Shared pieces of the package's tests: strategy classes from the repository's
files, backtesting.py's data sets, and value-by-value comparisons of what
btgpu.Backtest and backtesting.Backtest return."""

import importlib.util
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# backtesting.py warns on runs that leave trades open and on big grids; its forked workers inherit this
warnings.filterwarnings("ignore")
os.environ["PYTHONWARNINGS"] = "ignore"


def load_class(relpath, name):
    """A Strategy class from a file of the repository, imported under a module name
    registered in sys.modules (backtesting.py's forked optimize() workers unpickle it)."""
    mod_name = "btgpu_test_" + os.path.splitext(os.path.basename(relpath))[0]
    if mod_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(mod_name, os.path.join(REPO, relpath))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = mod
        spec.loader.exec_module(mod)
    return getattr(sys.modules[mod_name], name)


@pytest.fixture(scope="module")
def goog():
    from backtesting.test import GOOG
    return GOOG.copy()


@pytest.fixture(scope="module")
def eurusd():
    from backtesting.test import EURUSD
    return EURUSD.copy()


def _same_scalar(key, a, b, rel=1e-9):
    if isinstance(a, (pd.Timestamp, pd.Timedelta)) or isinstance(b, (pd.Timestamp, pd.Timedelta)):
        assert (pd.isna(a) and pd.isna(b)) or a == b, "%s: %r != %r" % (key, a, b)
        return
    if isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer)):
        assert a == b, "%s: %r != %r" % (key, a, b)
        return
    fa, fb = float(a), float(b)
    if math.isnan(fa) or math.isnan(fb):
        assert math.isnan(fa) and math.isnan(fb), "%s: %r != %r" % (key, a, b)
        return
    assert fa == fb or abs(fa - fb) <= rel * max(abs(fa), abs(fb)), "%s: %r != %r" % (key, a, b)


def assert_frames_equal(a, b, what):
    assert list(a.columns) == list(b.columns), "%s columns: %s != %s" % (what, list(a.columns), list(b.columns))
    pd.testing.assert_index_equal(a.index, b.index, obj=what + " index")
    for c in a.columns:
        x, y = a[c], b[c]
        assert x.dtype == y.dtype, "%s column %s: dtype %s != %s" % (what, c, x.dtype, y.dtype)
        if x.dtype.kind == "f":
            np.testing.assert_allclose(x.to_numpy(), y.to_numpy(), rtol=1e-9, atol=0,
                                       err_msg="%s column %s" % (what, c))
        else:
            pd.testing.assert_series_equal(x, y, obj="%s column %s" % (what, c))


def assert_stats_equal(mine, theirs):
    assert list(mine.index) == list(theirs.index), "keys: %s != %s" % (list(mine.index), list(theirs.index))
    for key in theirs.index:
        a, b = mine[key], theirs[key]
        if key == "_strategy":
            assert str(a) == str(b)
        elif key in ("_equity_curve", "_trades"):
            assert_frames_equal(a, b, key)
        else:
            _same_scalar(key, a, b)


def assert_heatmaps_equal(mine, theirs):
    assert mine.name == theirs.name, "heatmap name %r != %r" % (mine.name, theirs.name)
    assert list(mine.index.names) == list(theirs.index.names)
    pd.testing.assert_index_equal(mine.index, theirs.index, exact=True, obj="heatmap index")
    assert mine.dtype == theirs.dtype
    np.testing.assert_allclose(mine.to_numpy(), theirs.to_numpy(), rtol=1e-9, atol=0, err_msg="heatmap values")
