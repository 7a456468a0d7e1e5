"""btgpu.Backtest(...).optimize() / run() against backtesting.Backtest's, value by
value: the statistics (every key), the heatmap (index, names, order, values),
_trades and _equity_curve."""

import pandas as pd
import pytest

import backtesting
import btgpu
from conftest import assert_heatmaps_equal, assert_stats_equal, load_class

SmaCross = load_class("strategies/sma_cross.py", "SmaCross")
BreakEven = load_class("tests/strategies/c15_trade_sl_tp_assign.py", "BreakEven")
from sample_strategies import SmaFlags  # noqa: E402


def _both(data, cls, settings, grid, mine=None, theirs=None):
    """Runs optimize on both with the same arguments (mine/theirs: extra ones for each side)."""
    ours = btgpu.Backtest(data, cls, **settings).optimize(**grid, **(mine or {}), return_heatmap=True)
    ref = backtesting.Backtest(data, cls, **settings).optimize(**grid, **(theirs or {}), return_heatmap=True)
    return ours, ref


CASES = {
    "sqn_constraint_string": (
        "goog", SmaCross, {}, {"n1": range(5, 30, 5), "n2": range(10, 70, 5), "maximize": "SQN"},
        {"constraint": "n1 < n2"}, {"constraint": lambda p: p.n1 < p.n2}),
    "equity_commission_lists": (
        "goog", SmaCross, {"cash": 10_000, "commission": .002},
        {"n1": [5, 10, 15], "n2": [20, 40, 60], "maximize": "Equity Final [$]"}, None, None),
    "sharpe_callable_constraint": (
        "goog", SmaCross, {"spread": .001, "trade_on_close": True},
        {"n1": range(3, 20, 4), "n2": [15, 30, 45], "maximize": "Sharpe Ratio",
         "constraint": lambda p: p.n2 - p.n1 > 10}, None, None),
    "randomized_max_tries": (
        "goog", SmaCross, {}, {"n1": range(5, 40, 3), "n2": range(20, 80, 5), "maximize": "Return [%]",
                               "max_tries": 25, "random_state": 7},
        {"constraint": "n1 < n2"}, {"constraint": lambda p: p.n1 < p.n2}),
    "randomized_fraction_method_random": (
        "goog", SmaCross, {"finalize_trades": True}, {"n1": range(5, 30, 5), "n2": range(30, 90, 10),
                                                     "max_tries": .3, "random_state": 1},
        {"method": "random"}, {}),
    "sl_tp_float_params": (
        "goog", BreakEven, {"commission": (1.0, .001), "exclusive_orders": False},
        {"be_pct": [1.0, 3.0, 10.0], "sl_pct": [0.02, 0.05], "maximize": "Win Rate [%]"}, None, None),
    "bool_and_float_params": (
        "goog", SmaFlags, {"commission": .001}, {"allow_short": [True, False], "sl_pct": [0.02, 0.1],
                                                 "n1": 10, "maximize": "Profit Factor"}, None, None),
    "eurusd_hourly_margin": (
        "eurusd", SmaCross, {"cash": 100_000, "margin": .05, "spread": .0002, "hedging": True},
        {"n1": [10, 20], "n2": [40, 80], "maximize": "Calmar Ratio"}, None, None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_optimize_parity(case, goog, eurusd):
    data_name, cls, settings, grid, mine, theirs = CASES[case]
    data = {"goog": goog, "eurusd": eurusd}[data_name]
    (s1, h1), (s2, h2) = _both(data, cls, settings, grid, mine, theirs)
    assert_heatmaps_equal(h1, h2)
    assert_stats_equal(s1, s2)


def test_maximize_callable(goog):
    def score(s):
        return s["Return [%]"] / (1 + abs(s["Max. Drawdown [%]"]))
    grid = {"n1": [5, 10, 20], "n2": [30, 50]}
    s1, h1 = btgpu.Backtest(goog, SmaCross).optimize(**grid, maximize=score, return_heatmap=True)
    s2, h2 = backtesting.Backtest(goog, SmaCross).optimize(**grid, maximize=score, return_heatmap=True)
    assert_heatmaps_equal(h1, h2)
    assert_stats_equal(s1, s2)


@pytest.mark.parametrize("params", [{}, {"n1": 12, "n2": 40}, {"n1": 3}])
def test_run_parity(goog, params):
    assert_stats_equal(btgpu.Backtest(goog, SmaCross, commission=.001).run(**params),
                       backtesting.Backtest(goog, SmaCross, commission=.001).run(**params))


def test_builtin_name_and_path(goog):
    import os
    from conftest import REPO
    grid = {"n1": [5, 10], "n2": [20, 30]}
    s0, h0 = btgpu.Backtest(goog, SmaCross).optimize(**grid, return_heatmap=True)
    for spec in ("sma_cross", os.path.join(REPO, "strategies", "sma_cross.py"),
                 os.path.join(REPO, "strategies", "sma_cross.py") + ":SmaCross"):
        s1, h1 = btgpu.Backtest(goog, spec).optimize(**grid, return_heatmap=True)
        assert_heatmaps_equal(h1, h0)
        assert_stats_equal(s1, s0)


def test_return_all_stats(goog):
    grid = {"n1": [5, 10, 15], "n2": [20, 40]}
    stats, heatmap, table = btgpu.Backtest(goog, SmaCross).optimize(**grid, return_heatmap=True,
                                                                    return_all_stats=True)
    assert list(table.index.names) == ["n1", "n2"]
    assert "SQN" in table.columns and "Start" not in table.columns
    pd.testing.assert_series_equal(table["SQN"], heatmap, check_names=False)
    ref = backtesting.Backtest(goog, SmaCross)
    for (n1, n2), row in table.iterrows():
        one = ref.run(n1=n1, n2=n2)
        for key in ("Return [%]", "# Trades", "Sharpe Ratio", "Max. Drawdown [%]", "Profit Factor"):
            a, b = row[key], one[key]
            assert a == pytest.approx(b, rel=1e-9, nan_ok=True), (n1, n2, key)


def test_integer_index(goog):
    """A plain integer index (backtesting.py's optimize() itself fails on one: its heatmap
    is checked against one run() per combination)."""
    data = goog.reset_index(drop=True)
    stats, heatmap = btgpu.Backtest(data, SmaCross).optimize(n1=[5, 10], n2=[20, 30], return_heatmap=True)
    ref = backtesting.Backtest(data, SmaCross)
    for (n1, n2), v in heatmap.items():
        assert v == pytest.approx(ref.run(n1=n1, n2=n2)["SQN"], rel=1e-9)
    n1, n2 = heatmap.idxmax()
    assert_stats_equal(stats, ref.run(n1=n1, n2=n2))


@pytest.mark.parametrize("tz", ["UTC", "Asia/Kolkata"])
def test_tz_aware_index(goog, tz):
    """A tz-aware DatetimeIndex (UTC, a fixed +05:30): the same statistics,
    heatmap and trades as backtesting.py, the times tz-aware like pandas'."""
    data = goog.tz_localize(tz)
    grid = {"n1": [5, 10, 15], "n2": [20, 40], "maximize": "Sharpe Ratio"}
    (s1, h1), (s2, h2) = _both(data, SmaCross, {"commission": .002}, grid)
    assert_heatmaps_equal(h1, h2)
    assert_stats_equal(s1, s2)
    assert str(s1["Start"].tz) == str(s2["Start"].tz)
    assert s1["_trades"]["EntryTime"].dt.tz is not None
