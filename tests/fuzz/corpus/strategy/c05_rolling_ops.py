"""pandas rolling operations: mean, sum, std(ddof=0 and default), var, max, min, on close/high/low; comparisons of
series with series and with numbers inside helpers."""
import pandas as pd

from backtesting import Strategy


def band_width(close, n):
    s = pd.Series(close)
    return s.rolling(n).std(ddof=0) / s.rolling(n).mean()


def vol_ratio(close, n):
    s = pd.Series(close)
    return s.rolling(n).var() / s.rolling(n * 2).var(ddof=1)


def momentum_sum(close, n):
    return pd.Series(close).diff().rolling(n).sum()


class RollingOps(Strategy):
    """Volatility squeeze breakout: narrow bands and rising momentum; exit on a close under the rolling low of n bars."""
    n = 20
    squeeze = 0.05

    def init(self):
        self.bw = self.I(band_width, self.data.Close, self.n)
        self.vr = self.I(vol_ratio, self.data.Close, self.n)
        self.mom = self.I(momentum_sum, self.data.Close, self.n)
        self.hh = self.I(lambda h, n: pd.Series(h).rolling(n).max(), self.data.High, self.n)
        self.ll = self.I(lambda l, n: pd.Series(l).rolling(n).min(), self.data.Low, self.n)

    def next(self):
        if not self.position:
            if self.bw[-1] < self.squeeze and self.mom[-1] > 0 and self.vr[-1] < 1.5:
                self.buy()
        elif self.data.Close[-1] <= self.ll[-2] or self.data.High[-1] >= self.hh[-1] * 1.0 and self.bw[-1] > 2 * self.squeeze:
            self.position.close()


GRID = {"n": [10, 20, 30], "squeeze": [0.03, 0.05, 0.08]}
MAXIMIZE = "Sharpe Ratio"
