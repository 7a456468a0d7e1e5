"""Implicit last value of indicators and data: `if self.sma1 > self.sma2:` compares [-1] values, arithmetic on whole
arrays in next() (`self.data.Close > self.sma1`), truthiness of an indicator (`if self.flag:`)."""
import numpy as np
import pandas as pd

from backtesting import Strategy
from backtesting.test import SMA


class ImplicitLast(Strategy):
    """Long while SMA(n1) > SMA(n2) and the close is above SMA(n1), flat otherwise (uses implicit last values)."""
    n1 = 10
    n2 = 30

    def init(self):
        self.sma1 = self.I(SMA, self.data.Close, self.n1)
        self.sma2 = self.I(SMA, self.data.Close, self.n2)
        self.flag = self.I(lambda c: np.where(pd.Series(c).diff().abs() > 0, 1.0, 0.0), self.data.Close)

    def next(self):
        if self.sma1 > self.sma2 and self.data.Close > self.sma1:
            if not self.position and self.flag:
                self.buy()
        elif self.position:
            self.position.close()


GRID = {"n1": [5, 10, 20], "n2": [30, 50]}
