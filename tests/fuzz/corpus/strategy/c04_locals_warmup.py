"""Indicators held in local variables in init() (backtesting.py leaves them out of the warm-up): a local SMA feeds
an np.where trend filter that has no NaN, so trading starts before the long SMA is defined."""
import numpy as np

from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class LocalTrend(Strategy):
    """Fast/slow SMA crossover gated by a trend flag computed from a local long SMA."""
    n1 = 5
    n2 = 15
    n_trend = 100

    def init(self):
        close = self.data.Close
        long_ma = self.I(SMA, close, self.n_trend)
        self.trend = self.I(lambda c, m: np.where(c > m, 1.0, -1.0), close, long_ma)
        self.a = self.I(SMA, close, self.n1)
        self.b = self.I(SMA, close, self.n2)

    def next(self):
        if crossover(self.a, self.b):
            self.position.close()
            if self.trend[-1] > 0:
                self.buy()
        elif crossover(self.b, self.a):
            self.position.close()
            if self.trend[-1] < 0:
                self.sell()


GRID = {"n_trend": [50, 100, 200, 400], "n2": [15, 30]}
