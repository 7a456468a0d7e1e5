"""Python runtime errors abort optimize() in backtesting.py and must make btgpu fail (exit 1): ZeroDivisionError
from int/float division by a zero parameter difference, IndexError from indexing data further back than revealed."""
from backtesting import Strategy
from backtesting.test import SMA


class ZeroDiv(Strategy):
    """Scales an SMA filter by 1 / (hi - lo): hi == lo divides by zero."""
    lo = 1
    hi = 2

    def init(self):
        self.sma = self.I(SMA, self.data.Close, 10)

    def next(self):
        w = 1 / (self.hi - self.lo)
        if not self.position and self.data.Close[-1] > self.sma[-1] * (1 + w / 100):
            self.buy()
        elif self.position and self.data.Close[-1] < self.sma[-1]:
            self.position.close()


class TooFarBack(Strategy):
    """Compares the close with the close `back` bars ago; back beyond the revealed bars raises IndexError."""
    back = 5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, 10)

    def next(self):
        if not self.position and self.data.Close[-1] > self.data.Close[-self.back]:
            self.buy()
        elif self.position and self.data.Close[-1] < self.sma[-1]:
            self.position.close()


GRID = {"ZeroDiv": {"lo": [1, 2], "hi": [2]}, "TooFarBack": {"back": [5, 15]}}
EXPECT_ERROR = ("ZeroDivisionError", "IndexError")
