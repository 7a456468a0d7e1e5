"""np.maximum, np.minimum, np.abs and np.where on series inside helpers (a hand-written true range and ATR),
Volume as an input."""
import numpy as np
import pandas as pd

from backtesting import Strategy


def true_range(high, low, close):
    prev = pd.Series(close).shift(1)
    hl = pd.Series(high) - pd.Series(low)
    hc = np.abs(pd.Series(high) - prev)
    lc = np.abs(pd.Series(low) - prev)
    return np.maximum(hl, np.maximum(hc, lc))


def atr(high, low, close, n):
    return pd.Series(true_range(high, low, close)).rolling(n).mean()


def up_volume(close, volume):
    up = np.where(pd.Series(close).diff() > 0, volume, 0.0)
    return pd.Series(up).rolling(10).sum() / pd.Series(volume).rolling(10).sum()


class NumpyOps(Strategy):
    """Buy when the bar range is wide relative to ATR and up-volume dominates; exit when the close falls below min(open, previous low)."""
    n = 14
    mult = 1.5

    def init(self):
        self.atr = self.I(atr, self.data.High, self.data.Low, self.data.Close, self.n)
        self.upv = self.I(up_volume, self.data.Close, self.data.Volume)
        self.floor = self.I(lambda o, l: np.minimum(o, pd.Series(l).shift(1)), self.data.Open, self.data.Low)

    def next(self):
        rng = self.data.High[-1] - self.data.Low[-1]
        if not self.position and rng > self.mult * self.atr[-1] and self.upv[-1] > 0.55:
            self.buy()
        elif self.position and self.data.Close[-1] < self.floor[-1]:
            self.position.close()


GRID = {"n": [7, 14, 28], "mult": [1.0, 1.5, 2.0]}
