"""Python/NumPy number semantics in next(): data values are numpy.float64, so x / 0.0 gives inf (no exception) and
0.0 / 0.0 NaN (every comparison False); int parameters with //, % (Python's sign rules for negatives) and **;
float // and %; abs() of a negative int; NaN from an indicator compared in a condition."""
import pandas as pd

from backtesting import Strategy


class NumericSemantics(Strategy):
    """Trades on a bar-count pattern built from //, % and **, filtered by an inf/NaN-producing ratio."""
    k = 3
    shift = -7
    p = 2

    def init(self):
        self.chg = self.I(lambda c: pd.Series(c).diff(), self.data.Close, scatter=True)

    def next(self):
        c = self.data.Close[-1]
        flat = self.data.Close[-1] - self.data.Close[-1]
        ratio = (c - self.data.Open[-1]) / flat            # +-inf or nan, never an exception
        nan_ratio = flat / flat
        bar = len(self.data)
        phase = (bar + self.shift) % (self.k + 1)          # Python modulo: result has the divisor's sign
        block = (self.shift - bar) // self.k               # floor division of negatives
        powered = abs(self.shift) ** self.p
        fl = (c // 7.5) % 3.0
        if ratio > 1e308 and not nan_ratio == nan_ratio and phase == 0 and block % 2 == 0:
            if not self.position and powered > 10 and fl < 2.5:
                self.buy()
        elif self.position and (ratio < 0 or self.chg[-1] > c * 0.03 or phase == self.k):
            self.position.close()


GRID = {"k": [2, 3, 5], "shift": [-7, 4], "p": [2, 3]}
