"""exclusive_orders=True: every new order closes open trades (same direction too, re-opening) and cancels pending
entries; repeated same-direction signals; a pending limit order replaced by a market order."""
import pandas as pd

from backtesting import Strategy
from backtesting.test import SMA


class Exclusive(Strategy):
    """Buy whenever the close is above SMA(n) for a new high of `k` bars, sell below; a limit re-entry after pullbacks."""
    n = 20
    k = 5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.hh = self.I(lambda h, k: pd.Series(h).rolling(k).max(), self.data.High, self.k)

    def next(self):
        c = self.data.Close[-1]
        if c > self.sma[-1] and self.data.High[-1] >= self.hh[-1]:
            self.buy()
        elif c < self.sma[-1] and len(self.data) % 7 == 0:
            self.sell()
        elif c > self.sma[-1] and not self.position:
            self.buy(limit=c * 0.99)


GRID = {"n": [10, 20, 50], "k": [3, 10]}
SETTINGS = [{"exclusive_orders": True}, {"exclusive_orders": True, "commission": 0.001}]
