"""pandas ewm in all its forms: span=, com=, alpha=, halflife=, adjust=True (pandas' default) and False, min_periods=."""
import pandas as pd

from backtesting import Strategy
from backtesting.lib import crossover


def ema_span(x, n):
    return pd.Series(x).ewm(span=n).mean()


def ema_com(x, n):
    return pd.Series(x).ewm(com=n - 1, adjust=False).mean()


def ema_alpha(x, n):
    return pd.Series(x).ewm(alpha=1 / n, adjust=False, min_periods=n).mean()


def ema_halflife(x, h):
    return pd.Series(x).ewm(halflife=h, min_periods=5).mean()


class EwmVariants(Strategy):
    """Crossover of a span EMA over an alpha EMA, filtered by com- and halflife-EMAs."""
    n = 10
    h = 20.0

    def init(self):
        c = self.data.Close
        self.a = self.I(ema_span, c, self.n)
        self.b = self.I(ema_alpha, c, self.n * 3)
        self.c = self.I(ema_com, c, self.n * 2)
        self.d = self.I(ema_halflife, c, self.h)

    def next(self):
        if crossover(self.a, self.b) and self.c[-1] > self.d[-1]:
            self.position.close()
            self.buy()
        elif crossover(self.b, self.a):
            self.position.close()
            self.sell()


GRID = {"n": [5, 10, 20], "h": [5.0, 20.0, 50.5]}
