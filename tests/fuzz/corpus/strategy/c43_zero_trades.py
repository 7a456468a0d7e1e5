"""Combinations without trades: their heatmap value is NaN (even for keys like Return [%] that are 0.0); when every
combination has zero trades optimize() returns the first combination's statistics."""
from backtesting import Strategy
from backtesting.test import SMA


class Sometimes(Strategy):
    """Buys when the close is more than `jump` above SMA(n): large jumps never happen, so those combinations stay flat."""
    n = 20
    jump = 0.05

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        if not self.position and c > self.sma[-1] * (1 + self.jump):
            self.buy()
        elif self.position and c < self.sma[-1]:
            self.position.close()


class Never(Strategy):
    """Waits for a close below `floor`, which GOOG never reaches."""
    floor = 1.0
    n = 5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        if self.data.Close[-1] < self.floor and self.sma[-1] > 0:
            self.buy()


GRID = {"Sometimes": {"n": [10, 20], "jump": [0.05, 0.5]}, "Never": {"floor": [1.0, 2.0], "n": [5, 10]}}
MAXIMIZE = "Return [%]"
