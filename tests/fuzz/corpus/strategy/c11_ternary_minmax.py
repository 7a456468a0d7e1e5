"""Conditional expressions (`x if c else y`), min()/max()/abs() of several numbers, ternaries choosing the order side,
and a float size computed with min()."""
from backtesting import Strategy
from backtesting.test import SMA


class TernaryMinMax(Strategy):
    """Follow the side of the close relative to SMA(n); size the position by a clamped distance to the SMA."""
    n = 20
    scale = 10.0

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        dist = abs(c - self.sma[-1]) / self.sma[-1]
        size = min(0.9, max(0.1, dist * self.scale))
        side = 1 if c > self.sma[-1] else -1
        want = side if dist > 0.01 else 0
        have = 1 if self.position.is_long else (-1 if self.position.is_short else 0)
        if want != have:
            self.position.close()
            if want > 0:
                self.buy(size=size)
            elif want < 0:
                self.sell(size=size)


GRID = {"n": [10, 20, 50], "scale": [2.0, 10.0]}
