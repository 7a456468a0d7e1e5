"""An invalid bracket is an error, as in backtesting.py: a long SL above the price (or a NaN SL from a scatter=True indicator,
which the warm-up ignores) raises ValueError at placement and aborts the whole optimize(); the harness expects btgpu to fail (exit 1)."""
import pandas as pd

from backtesting import Strategy
from backtesting.test import SMA


class BadStop(Strategy):
    """Buys with sl = close * (1 - sl_pct); sl_pct < 0 puts the SL above the price (ValueError)."""
    sl_pct = 0.05
    n = 20

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        if not self.position and c > self.sma[-1]:
            self.buy(sl=c * (1 - self.sl_pct))
        elif self.position and c < self.sma[-1]:
            self.position.close()


class NanStop(Strategy):
    """Buys with an SL from a shifted scatter indicator that is NaN on its first bars (ValueError: NaN SL)."""
    n = 20
    lag = 5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.ref = self.I(lambda c, k: pd.Series(c).shift(k) * 0.9, self.data.Close, self.lag, name="ref", scatter=True)

    def next(self):
        c = self.data.Close[-1]
        if not self.position and c > self.sma[-1]:
            self.buy(sl=self.ref[-1])
        elif self.position and c < self.sma[-1]:
            self.position.close()


GRID = {"BadStop": {"sl_pct": [0.05, -0.01]}, "NanStop": {"n": [2, 3], "lag": [5, 50]}}
EXPECT_ERROR = "ValueError"
