"""Partial closes: position.close(portion) and trade.close(portion) with Python's half-even rounding of the closed
size (min 1 unit), odd unit sizes, several trades closed in reverse order by position.close."""
from backtesting import Strategy
from backtesting.test import SMA


class Partial(Strategy):
    """Scale in with `units` shares per signal (up to 4 trades), scale out with position.close(portion) and trade.close(0.5)."""
    units = 5
    portion = 0.5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, 10)

    def next(self):
        c = self.data.Close[-1]
        if c > self.sma[-1] * 1.02 and len(self.trades) < 4:
            self.buy(size=self.units)
        elif c < self.sma[-1] * 0.98 and self.position:
            self.position.close(self.portion)
        elif c < self.sma[-1] and len(self.trades) > 0:
            self.trades[-1].close(0.5)
        if len(self.trades) > 0 and self.trades[0].pl_pct > 10:
            self.trades[0].close()


GRID = {"units": [1, 3, 5, 8], "portion": [0.25, 0.5, 0.7]}
MAXIMIZE = "Return [%]"
