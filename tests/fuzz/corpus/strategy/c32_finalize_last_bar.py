"""finalize_trades=True: trades still open at the end are closed and the broker runs once more on the last bar,
so orders placed in the last next() (entries included) are processed there too."""
from backtesting import Strategy
from backtesting.test import SMA


class Finalize(Strategy):
    """Long while close > SMA(n); from bar `late` on, also adds `units` shares every bar."""
    n = 20
    late = 2140
    units = 3

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        if len(self.data) >= self.late:
            self.buy(size=self.units)
        elif self.data.Close[-1] > self.sma[-1]:
            if not self.position:
                self.buy(size=0.5)
        elif self.position:
            self.position.close()


GRID = {"n": [10, 20, 40], "late": [2000, 2146, 2147]}
SETTINGS = [{"finalize_trades": True}, {}]
