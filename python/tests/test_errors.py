"""Errors: unsupported constructs, bad data and arguments raise Python exceptions
with the library's messages; an interrupt stops a search promptly; the search
lets other threads run."""

import importlib.util
import os
import signal
import sys
import threading
import time

import numpy as np
import pandas as pd
import pytest

import btgpu
from conftest import load_class

SmaCross = load_class("strategies/sma_cross.py", "SmaCross")

UNSUPPORTED = '''from backtesting import Strategy


class WithBlock(Strategy):
    n = 3

    def init(self):
        pass

    def next(self):
        with open("x") as f:
            pass
'''


def test_unsupported_construct(tmp_path, goog):
    path = tmp_path / "with_block.py"
    path.write_text(UNSUPPORTED)
    spec = importlib.util.spec_from_file_location("with_block", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["with_block"] = mod
    spec.loader.exec_module(mod)
    with pytest.raises(btgpu.UnsupportedStrategy) as e:
        btgpu.Backtest(goog, mod.WithBlock)
    assert e.value.filename == str(path)
    assert e.value.lineno == 11
    assert e.value.construct.startswith('with open("x") as f:')
    assert "%s:11:9:" % path in str(e.value)
    assert isinstance(e.value, ValueError)


def test_strategy_arguments(goog, tmp_path):
    with pytest.raises(btgpu.UnsupportedStrategy, match="no Strategy subclass named 'Nope'"):
        btgpu.Backtest(goog, os.path.join(os.path.dirname(__file__), "..", "..", "strategies",
                                          "sma_cross.py") + ":Nope")
    with pytest.raises(OSError, match="cannot"):
        btgpu.Backtest(goog, str(tmp_path / "missing.py"))
    with pytest.raises(ValueError, match="unknown|not a built-in|no built-in"):
        btgpu.Backtest(goog, "no_such_strategy")
    with pytest.raises(TypeError):
        btgpu.Backtest(goog, 42)


def test_bad_data(goog):
    with pytest.raises(ValueError, match="missing required column 'Close'"):
        btgpu.Backtest(goog.drop(columns="Close"), SmaCross)
    bad = goog.copy()
    bad.iloc[5, bad.columns.get_loc("High")] = np.nan
    with pytest.raises(ValueError, match="column 'High': nan at row 5"):
        btgpu.Backtest(bad, SmaCross)
    with pytest.raises(ValueError, match="empty"):
        btgpu.Backtest(goog.iloc[:0], SmaCross)
    with pytest.raises(TypeError, match="DataFrame"):
        btgpu.Backtest(goog.to_numpy(), SmaCross)
    with pytest.raises(ValueError, match="margin"):
        btgpu.Backtest(goog, SmaCross, margin=0)
    with pytest.warns(UserWarning, match="not sorted"):
        btgpu.Backtest(goog.iloc[::-1], SmaCross)
    # a zone with daylight saving: durations and CAGR would miss its hours, so it is refused
    with pytest.raises(ValueError, match=r"America/New_York changes its UTC offset within the data \(-0400, then "
                                         r"-0500 at row 51\).*tz_convert\('UTC'\)"):
        btgpu.Backtest(goog.tz_localize("America/New_York"), SmaCross)


def test_bad_optimize_arguments(goog):
    bt = btgpu.Backtest(goog, SmaCross)
    with pytest.raises(ValueError, match="sambo"):
        bt.optimize(n1=[5, 10], method="sambo")
    with pytest.raises(ValueError, match="must match a key"):
        bt.optimize(n1=[5, 10], maximize="SQNN")
    with pytest.raises(ValueError, match="column"):
        bt.optimize(n1=[5, 10], n2=[20], constraint="n1 < < n2")
    with pytest.raises(ValueError, match="no admissible combination"):
        bt.optimize(n1=[5, 10], n2=[20], constraint=lambda p: p.n1 > p.n2)
    with pytest.raises(ValueError, match="no_such"):
        bt.optimize(no_such=[1, 2])
    with pytest.raises(ValueError, match="passed no optimization values"):
        bt.optimize(n1=[])
    with pytest.raises(ValueError, match="ints, floats and bools"):
        bt.optimize(n1=["a", "b"])
    with pytest.raises(ValueError, match="backend"):
        bt.optimize(n1=[5, 10], backend="abacus")
    with pytest.raises(TypeError):
        bt.optimize(n1=[5, 10], constraint=3)


def test_interrupt_stops_promptly(goog):
    bt = btgpu.Backtest(goog, SmaCross)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    t0 = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        bt.optimize(n1=range(2, 400), n2=range(2, 1500), progress=False)  # about 10 s to the end
    assert time.monotonic() - t0 < 3
    timer.cancel()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def test_interrupt_stops_inside_a_long_chunk(monkeypatch):
    # one chunk of several seconds (200,000 bars, every bar's equity for the Sharpe Ratio): the
    # handler runs while the search does, and the engines see the stop flag inside the chunk
    rng = np.random.default_rng(3)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 200_000)))
    df = pd.DataFrame({"Open": close, "High": close * 1.01, "Low": close * 0.99, "Close": close},
                      index=pd.date_range("2000-01-03", periods=len(close), freq="h"))
    monkeypatch.setenv("BTGPU_CHUNK", "65536")
    bt = btgpu.Backtest(df, SmaCross)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    t0 = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        bt.optimize(n1=range(10, 110, 2), n2=range(20, 420, 2), constraint="n1 < n2", maximize="Sharpe Ratio",
                    progress=False)
    assert time.monotonic() - t0 < 1.5
    timer.cancel()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_search_releases_the_gil(goog):
    bt = btgpu.Backtest(goog, SmaCross)
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    th = threading.Thread(target=count)
    th.start()
    t0 = time.monotonic()
    bt.optimize(n1=range(2, 60), n2=range(10, 120), backend="reference", threads=1, progress=False)
    elapsed = time.monotonic() - t0
    stop.set()
    th.join()
    assert elapsed > 0.3, "the grid is too small to tell"
    assert len(ticks) > 50, "%d ticks in %.2f s" % (len(ticks), elapsed)
