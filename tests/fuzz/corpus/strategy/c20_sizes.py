"""Order sizes: a fraction of equity (float parameter in (0, 1)), whole units (int parameter), and the default
full-equity size, chosen by an int mode parameter."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class Sizes(Strategy):
    """SMA cross sized as fraction `frac` (mode 0), `units` shares (mode 1) or full equity (mode 2)."""
    frac = 0.5
    units = 10
    mode = 0

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, 10)
        self.s2 = self.I(SMA, self.data.Close, 25)

    def next(self):
        if crossover(self.s1, self.s2):
            self.position.close()
            if self.mode == 0:
                self.buy(size=self.frac)
            elif self.mode == 1:
                self.buy(size=self.units)
            else:
                self.buy()
        elif crossover(self.s2, self.s1):
            self.position.close()
            if self.mode == 0:
                self.sell(size=self.frac)
            elif self.mode == 1:
                self.sell(size=self.units)


GRID = {"frac": [0.33, 0.999], "units": [1, 37], "mode": [0, 1, 2]}
SETTINGS = [{}, {"commission": 0.002}]
