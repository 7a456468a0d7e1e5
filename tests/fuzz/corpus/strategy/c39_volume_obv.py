"""Volume inputs: TA-Lib OBV needs float volume (GOOG's Volume column is int64), so a helper converts it with
arithmetic (`volume * 1.0`); a pandas volume average; self.data.Volume[-1] in next()."""
import pandas as pd
import talib

from backtesting import Strategy


def obv(close, volume):
    return talib.OBV(close, volume * 1.0)


def avg_volume(volume, n):
    return pd.Series(volume).rolling(n).mean()


class VolumeBreakout(Strategy):
    """Buy on a volume spike of `mult` x its n-bar average with OBV above its value n bars ago; exit when OBV falls below it."""
    n = 20
    mult = 1.5

    def init(self):
        self.obv = self.I(obv, self.data.Close, self.data.Volume)
        self.vavg = self.I(avg_volume, self.data.Volume, self.n)

    def next(self):
        if not self.position:
            if self.data.Volume[-1] > self.mult * self.vavg[-1] and self.obv[-1] > self.obv[-self.n]:
                self.buy()
        elif self.obv[-1] < self.obv[-self.n]:
            self.position.close()


GRID = {"n": [10, 20, 40], "mult": [1.2, 1.5, 2.0]}
