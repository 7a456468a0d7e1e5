"""margin < 1 (leverage) with fraction and full-equity sizes, shorts in an uptrend so that some combinations run out
of money (equity <= 0: all trades closed, the run stops, equity 0 afterwards)."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class Leveraged(Strategy):
    """SMA cross always in the market, long and short, with fraction `frac` of the leveraged margin."""
    n1 = 10
    n2 = 30
    frac = 0.9

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(size=self.frac)
        elif crossover(self.s2, self.s1):
            self.position.close()
            self.sell(size=self.frac)


GRID = {"n1": [5, 10, 20], "frac": [0.5, 0.9999]}
SETTINGS = [{"margin": 0.1}, {"margin": 0.02, "commission": 0.001}]
MAXIMIZE = "Return [%]"
