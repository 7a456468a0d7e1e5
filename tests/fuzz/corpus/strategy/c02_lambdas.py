"""Lambdas as indicator functions (with and without a window argument), pd.Series(...).rolling().mean() inline,
crossover of two lambda indicators, and a lambda with default-style positional arguments."""
import pandas as pd

from backtesting import Strategy
from backtesting.lib import crossover


class LambdaCross(Strategy):
    """SMA crossover written with lambdas."""
    fast = 10
    slow = 30

    def init(self):
        self.f = self.I(lambda x, n: pd.Series(x).rolling(n).mean(), self.data.Close, self.fast)
        self.s = self.I(lambda x, n: pd.Series(x).rolling(n).mean(), self.data.Close, self.slow)
        self.mid = self.I(lambda h, l: (h + l) / 2, self.data.High, self.data.Low)

    def next(self):
        if crossover(self.f, self.s) and self.data.Close[-1] > self.mid[-1]:
            self.position.close()
            self.buy()
        elif crossover(self.s, self.f):
            self.position.close()


GRID = {"fast": [5, 10, 15], "slow": [20, 40]}
