#!/usr/bin/env python3
"""Dump backtesting.py runs and their statistics for tests/parity/stats_check.

Runs the Quick-Start SmaCross strategy through backtesting.py (0.6.6) for many
parameter pairs, data sets and settings, and writes, per run, everything
bt_stats_compute needs (index, closes, equity curve, closed trades, warm-up)
together with the 32 statistics the library computed. stats_check.c feeds the
inputs to btgpu and compares every key.

Usage:  /tmp/btvenv/bin/python tests/parity/stats_oracle.py OUT.txt [--quick]

File format (text, one record per run; floats are Python repr, which
round-trips; times are int64 seconds since the epoch, or the integer index):

    RUN <name>
    META <n_bars> <is_datetime 0|1> <warmup> <n_trades>
    TIME <t0> <t1> ...
    CLOSE <c0> <c1> ...
    EQUITY <e0> <e1> ...
    TRADE <size> <entry_bar> <exit_bar> <entry_price> <exit_price> <pnl> <commission> <return_pct>
    ...                                             (n_trades lines)
    STAT <id> <kind> <value>                        (32 lines, id = bt_stat_id)
    END

kind is ABSENT, NUMBER, TIME (value: index value / epoch seconds) or
TIMEDELTA (value: seconds as a float; NaT is written as nan).
"""
import os
import random
import sys
import warnings

import numpy as np
import pandas as pd

from backtesting import Backtest
from backtesting._util import _indicator_warmup_nbars
from backtesting.test import BTCUSD, EURUSD, GOOG

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bt_oracle import SmaCross  # noqa: E402  (the one Quick-Start strategy of the test harness)

warnings.simplefilter('ignore')

KEYS = [
    'Start', 'End', 'Duration', 'Exposure Time [%]', 'Equity Final [$]', 'Equity Peak [$]',
    'Commissions [$]', 'Return [%]', 'Buy & Hold Return [%]', 'Return (Ann.) [%]',
    'Volatility (Ann.) [%]', 'CAGR [%]', 'Sharpe Ratio', 'Sortino Ratio', 'Calmar Ratio',
    'Alpha [%]', 'Beta', 'Max. Drawdown [%]', 'Avg. Drawdown [%]', 'Max. Drawdown Duration',
    'Avg. Drawdown Duration', '# Trades', 'Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]',
    'Avg. Trade [%]', 'Max. Trade Duration', 'Avg. Trade Duration', 'Profit Factor',
    'Expectancy [%]', 'SQN', 'Kelly Criterion',
]


def fmt(x):
    return repr(float(x))


def stat_line(i, key, st):
    if key not in st:
        return f'STAT {i} ABSENT 0'
    v = st[key]
    if key in ('Start', 'End'):
        if isinstance(v, pd.Timestamp):
            return f'STAT {i} TIME {v.value // 10**9}'
        return f'STAT {i} TIME {int(v)}'
    if isinstance(v, pd.Timedelta) or v is pd.NaT:
        if v is pd.NaT:
            return f'STAT {i} TIMEDELTA nan'
        return f'STAT {i} TIMEDELTA {fmt(v / pd.Timedelta(seconds=1))}'
    return f'STAT {i} NUMBER {fmt(v)}'


def dump(out, name, data, st):
    eq = st['_equity_curve']['Equity'].to_numpy(dtype=float)
    tr = st['_trades']
    w = int(_indicator_warmup_nbars(st['_strategy']))
    idx = data.index
    if isinstance(idx, pd.DatetimeIndex):
        times = idx.as_unit('us').asi8 // 10**6
        is_dt = 1
    else:
        times = np.asarray(idx, dtype=np.int64)
        is_dt = 0
    out.write(f'RUN {name}\n')
    out.write(f'META {len(data)} {is_dt} {w} {len(tr)}\n')
    out.write('TIME ' + ' '.join(str(int(t)) for t in times) + '\n')
    out.write('CLOSE ' + ' '.join(fmt(c) for c in data.Close.to_numpy(dtype=float)) + '\n')
    out.write('EQUITY ' + ' '.join(fmt(e) for e in eq) + '\n')
    for r in tr.itertuples(index=False):
        out.write(f'TRADE {fmt(r.Size)} {int(r.EntryBar)} {int(r.ExitBar)} {fmt(r.EntryPrice)} '
                  f'{fmt(r.ExitPrice)} {fmt(r.PnL)} {fmt(r.Commission)} {fmt(r.ReturnPct)}\n')
    for i, k in enumerate(KEYS):
        out.write(stat_line(i, k, st) + '\n')
    out.write('END\n')


def resample(df, rule):
    return df.resample(rule).agg({'Open': 'first', 'High': 'max', 'Low': 'min',
                                  'Close': 'last', 'Volume': 'sum'}).dropna()


def with_index(df, index):
    df = df.copy()
    df.index = index
    return df


def main():
    path = sys.argv[1]
    quick = '--quick' in sys.argv
    rng = random.Random(20240611)
    runs = []  # (name, data, n1, n2, kwargs)

    def add(name, data, n1, n2, **kw):
        runs.append((name, data, n1, n2, kw))

    base = dict(cash=10_000, commission=.002)
    pairs = [(10, 20), (10, 15), (10, 18), (24, 32)]
    pairs += [tuple(sorted(rng.sample(range(2, 120), 2))) for _ in range(8 if quick else 40)]
    for n1, n2 in pairs:
        for fin in (False, True):
            add(f'GOOG {n1}/{n2} fin={int(fin)}', GOOG, n1, n2, finalize_trades=fin, **base)
    for n1, n2 in pairs[:6]:
        add(f'GOOG {n1}/{n2} toc', GOOG, n1, n2, trade_on_close=True, **base)
        add(f'GOOG {n1}/{n2} comm0', GOOG, n1, n2, cash=10_000)
        add(f'GOOG {n1}/{n2} margin.05', GOOG, n1, n2, cash=10_000, commission=.002, margin=.05)
    add('GOOG 3/3 zero trades', GOOG, 3, 3, **base)
    add('GOOG 10/3000 all-NaN indicator', GOOG, 10, 3000, **base)
    add('GOOG 2/5 margin.01', GOOG, 2, 5, cash=10_000, commission=.002, margin=.01)

    ri = with_index(GOOG, pd.RangeIndex(len(GOOG)))
    for n1, n2 in [(10, 20), (5, 30), (3, 3)]:
        for fin in (False, True):
            add(f'GOOG-range {n1}/{n2} fin={int(fin)}', ri, n1, n2, finalize_trades=fin, **base)
    # A non-Range integer index (e.g. 100, 103, ...) cannot be checked: backtesting 0.6.6
    # calls Index.is_numeric(), which pandas 3 removed (AttributeError in Backtest()).

    for n1, n2 in [(10, 20), (5, 30), (7, 9)]:
        for fin in (False, True):
            add(f'EURUSD {n1}/{n2} fin={int(fin)}', EURUSD, n1, n2, finalize_trades=fin,
                cash=10_000, commission=.0002)

    weekly = resample(GOOG, 'W')
    for n1, n2 in [(5, 10), (3, 7), (2, 12)]:
        add(f'GOOG-weekly {n1}/{n2}', weekly, n1, n2, **base)
    monthly = resample(GOOG, 'ME')
    add('GOOG-monthly 2/5', monthly, 2, 5, **base)
    for n1, n2 in [(3, 6), (2, 4)]:
        add(f'BTCUSD {n1}/{n2}', BTCUSD, n1, n2, cash=1_000_000, commission=.002)
    yearly = resample(GOOG, 'YE')
    add('GOOG-yearly 1/2', yearly, 1, 2, **base)

    cal = with_index(GOOG, pd.date_range('2004-08-19', periods=len(GOOG), freq='D', unit='us'))
    add('GOOG-calendar-days 10/20', cal, 10, 20, **base)
    h36 = with_index(EURUSD, pd.date_range('2010-01-01 07:00', periods=len(EURUSD), freq='36h',
                                           unit='us'))
    add('EURUSD-36h 10/20', h36, 10, 20, cash=10_000, commission=.0002)
    mins = with_index(EURUSD, pd.date_range('2017-01-02 09:30', periods=len(EURUSD), freq='min',
                                            unit='us'))
    add('EURUSD-minutes 10/20', mins, 10, 20, cash=10_000, commission=.0002)
    secs = with_index(EURUSD, pd.date_range('2017-01-02 09:30:07', periods=len(EURUSD),
                                            freq='17s', unit='us'))
    add('EURUSD-17s 10/20', secs, 10, 20, cash=10_000, commission=.0002)
    # alternating 1 s / 2 s steps: the period is the median of 1 s and 2 s = 1.5 s ('ms')
    steps = np.cumsum(np.r_[0, np.tile([1, 2], len(EURUSD))[:len(EURUSD) - 1]])
    alt = with_index(EURUSD, pd.DatetimeIndex(pd.Timestamp('2017-01-02') +
                                              pd.to_timedelta(steps, unit='s')).as_unit('us'))
    add('EURUSD-1.5s 10/20', alt, 10, 20, cash=10_000, commission=.0002)

    # Duplicate timestamps (kept by backtesting.py): every 97th bar repeats its predecessor's.
    dup_idx = GOOG.index.to_numpy().copy()
    for i in range(50, len(dup_idx), 97):
        dup_idx[i] = dup_idx[i - 1]
    dups = with_index(GOOG, pd.DatetimeIndex(dup_idx))
    for n1, n2 in [(10, 20), (5, 30), (3, 9)]:
        add(f'GOOG-duplicates {n1}/{n2}', dups, n1, n2, **base)

    # A long series (> 8192 bars) exercises numpy's 8192-element cast blocks.
    if not quick:
        r = np.random.default_rng(7)
        nlong = 20000
        close = np.round(100 * np.exp(np.cumsum(r.normal(0, .002, nlong))), 2)
        long = pd.DataFrame({'Open': close, 'High': close * 1.001, 'Low': close * .999,
                             'Close': close, 'Volume': 1.0},
                            index=pd.date_range('2020-01-01', periods=nlong, freq='5min',
                                                unit='us'))
        add('synthetic-5min-20000 10/20', long, 10, 20, cash=10_000, commission=.0002)
        add('synthetic-5min-20000 50/200', long, 50, 200, cash=10_000, commission=.0002)

    # Short slices whose only drawdown starts on the last bar (degenerate episodes).
    found = 0
    for start in range(0, 2000, 7):
        if found >= 3:
            break
        for length in (30, 45):
            sl = GOOG.iloc[start:start + length]
            st = Backtest(sl, SmaCross, **base).run(n1=3, n2=7)
            dd = st['_equity_curve']['DrawdownPct'].to_numpy()
            nz = np.nonzero(dd != 0)[0]
            if len(nz) == 1 and nz[0] == len(dd) - 1:
                add(f'GOOG[{start}:{start + length}] 3/7 dd only at end', sl, 3, 7, **base)
                found += 1
                break
    # Tiny series.
    for k in (1, 2, 3, 5):
        add(f'GOOG[:{k}] 1/1', GOOG.iloc[:k], 1, 1, **base)
    add('GOOG[:40] 2/3 fin=1', GOOG.iloc[:40], 2, 3, finalize_trades=True, **base)

    with open(path, 'w') as out:
        for name, data, n1, n2, kw in runs:
            st = Backtest(data, SmaCross, **kw).run(n1=n1, n2=n2)
            dump(out, name, data, st)
    print(f'{len(runs)} runs written to {path}', file=sys.stderr)


if __name__ == '__main__':
    main()
