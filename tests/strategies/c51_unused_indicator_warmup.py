"""Indicators next() never reads still set the warm-up: a long SMA (n3 bars) and a BBANDS whose upper band is
unused hold back the first bar next() runs on; one-bar limit entries below the close (cancelled while flat) on an
SMA cross up, closed on the cross down."""
import talib

from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class UnusedWarmup(Strategy):
    """SMA(n1)/SMA(n2) cross with a one-bar limit entry `k` below the close at most at the middle band; SMA(n3) unused."""
    n1 = 10
    n2 = 30
    n3 = 150
    k = 0.01

    def init(self):
        close = self.data.Close
        self.fast = self.I(SMA, close, self.n1)
        self.slow = self.I(SMA, close, self.n2)
        self.unused = self.I(SMA, close, self.n3)
        self.upper, self.middle, self.lower = self.I(talib.BBANDS, close, 20, 2.0, 2.0)

    def next(self):
        close = self.data.Close[-1]
        if not self.position:
            for order in self.orders:
                order.cancel()
            if self.fast[-1] > self.slow[-1]:
                self.buy(limit=min(close * (1 - self.k), self.middle[-1]))
        elif crossover(self.slow, self.fast):
            self.position.close()


GRID = {"n1": [5, 10], "n2": [20, 40], "n3": [50, 150, 400], "k": [0.0, 0.02]}
SETTINGS = [{}, {"commission": 0.002}]
MAXIMIZE = "Sharpe Ratio"
