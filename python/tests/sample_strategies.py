"""A strategy with bool and float parameters for the package's parity tests."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class SmaFlags(Strategy):
    """SMA cross; shorts only when allow_short; a stop loss sl_pct below / above the close."""
    n1 = 10
    n2 = 30
    allow_short = True
    sl_pct = 0.05

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        c = self.data.Close[-1]
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(sl=c * (1 - self.sl_pct))
        elif crossover(self.s2, self.s1):
            self.position.close()
            if self.allow_short:
                self.sell(sl=c * (1 + self.sl_pct))
