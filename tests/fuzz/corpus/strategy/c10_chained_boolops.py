"""Chained comparisons (`lo < rsi < hi`, `a <= b < c`), and/or returning values (`x or y` as a number),
`not`, nested boolean conditions, comparison of a parameter with a constant."""
import talib

from backtesting import Strategy


class ChainedBool(Strategy):
    """RSI band entries: buy when RSI is inside (lo, hi) and rising; sell when it leaves the band upwards or falls under lo."""
    lo = 40
    hi = 60
    window = 14

    def init(self):
        self.rsi = self.I(talib.RSI, self.data.Close, self.window)

    def next(self):
        r = self.rsi[-1]
        prev = self.rsi[-2]
        width = (self.hi - self.lo) or 1
        rising = r > prev and not r > self.hi
        if not self.position:
            if self.lo < r < self.hi and rising and (r - self.lo) / width < 0.5:
                self.buy()
        elif r >= self.hi or r <= self.lo or (prev <= r <= prev and False):
            self.position.close()


GRID = {"lo": [30, 40], "hi": [55, 60, 70], "window": [10, 14]}
CONSTRAINT = "lo < hi"
MAXIMIZE = "Win Rate [%]"
