import numpy as np
import pandas as pd
import talib

from backtesting import Strategy
from backtesting.test import SMA


def EMA(values, n):
    return pd.Series(values).ewm(span=n, adjust=False).mean()


class IndicatorNames(Strategy):
    """Indicators named every way backtesting.py names them: data columns, arithmetic on them,
    parameters, floats, nested indicators, lambdas, name=, a list of names, a bool indicator."""
    n1 = 10
    k = 2.0

    def init(self):
        c = self.data.Close
        self.a = self.I(SMA, c, self.n1)
        self.b = self.I(SMA, c * 2, 5)
        self.c = self.I(SMA, c - self.data.Open, 7)
        self.d = self.I(EMA, pd.Series(c), 12)
        self.e = self.I(talib.BBANDS, c, 20, self.k, self.k)
        self.f = self.I(lambda x, n: SMA(x, n), c, 3)
        self.g = self.I(SMA, self.a, 4)
        self.h = self.I(SMA, c, 10, name='mine')
        self.i = self.I(talib.BBANDS, self.data.High, 15, name=['u', 'm', 'l'])
        self.j = self.I(lambda x: x > 100, c)
        self.m = self.I(talib.RSI, self.data.Low, timeperiod=9)

    def next(self):
        if not self.position and self.j[-1] and self.a[-1] > self.g[-1]:
            self.buy()
        elif self.position and self.a[-1] < self.g[-1]:
            self.position.close()


GRID = {"n1": [5, 10, 20], "k": [1.5, 2.0]}
SETTINGS = {}
DATA = ["GOOG", "EURUSD"]
