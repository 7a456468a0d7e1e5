"""Series operations diff(k), shift(k) (positive and negative k inside a helper that re-shifts), pct_change(k), abs(),
clip(lower=, upper=), bfill(), fillna(v), .values and .to_numpy()."""
import pandas as pd

from backtesting import Strategy


def roc(close, k):
    return pd.Series(close).pct_change(k).fillna(0.0).values


def abs_move(close, k):
    s = pd.Series(close)
    return s.diff(k).abs().bfill().to_numpy()


def clipped_gap(open_, close):
    gap = (pd.Series(open_) - pd.Series(close).shift(1)) / pd.Series(close).shift(1)
    return gap.clip(lower=-0.02, upper=0.02).fillna(0)


def lead_lag(close):
    s = pd.Series(close)
    return s.shift(-1).shift(1) - s.shift(2)


class DiffShift(Strategy):
    """Momentum with a gap filter: buy on a positive k-bar return when the move is large and the open gap is small."""
    k = 5
    min_ret = 0.02

    def init(self):
        self.roc = self.I(roc, self.data.Close, self.k)
        self.move = self.I(abs_move, self.data.Close, self.k)
        self.gap = self.I(clipped_gap, self.data.Open, self.data.Close)
        self.ll = self.I(lead_lag, self.data.Close)

    def next(self):
        if not self.position:
            if self.roc[-1] > self.min_ret and abs(self.gap[-1]) < 0.02 and self.ll[-1] > 0:
                self.buy()
        elif self.roc[-1] < 0 and self.move[-1] > self.move[-2]:
            self.position.close()


GRID = {"k": [3, 5, 10], "min_ret": [0.01, 0.03]}
