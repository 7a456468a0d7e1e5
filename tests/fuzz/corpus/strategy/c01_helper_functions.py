"""Helper functions with several statements and a return (a z-score of the close), passed to self.I with
name=/overlay=/plot= keywords; a helper calling another helper; module-level numeric constants."""
import numpy as np
import pandas as pd

from backtesting import Backtest, Strategy
from backtesting.test import GOOG

ENTRY_Z = 1.0
EXIT_Z = 0.0


def rolling_mean(values, n):
    return pd.Series(values).rolling(n).mean()


def zscore(values, n):
    s = pd.Series(values)
    mean = rolling_mean(s, n)
    std = s.rolling(n).std()
    z = (s - mean) / std
    return z


class ZScoreRevert(Strategy):
    """Buy when the close is ENTRY_Z standard deviations below its n-bar mean, close when it is back above the mean."""
    n = 20

    def init(self):
        self.z = self.I(zscore, self.data.Close, self.n, name="z", overlay=False, plot=True)

    def next(self):
        if not self.position and self.z[-1] < -ENTRY_Z:
            self.buy()
        elif self.position and self.z[-1] > EXIT_Z:
            self.position.close()


GRID = {"n": [10, 15, 20, 30, 40]}
DATA = "GOOG"

if __name__ == "__main__":
    print(Backtest(GOOG, ZScoreRevert).run())
