"""sell() while fully long without position.close() (and buy() while short): the fraction is computed from the
free margin, so the reversal gets 0 units and is cancelled; with a small fraction it nets FIFO instead."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class NakedReversal(Strategy):
    """SmaCross without position.close(): buy(size=frac) / sell(size=frac) only."""
    n1 = 10
    n2 = 20
    frac = 0.9999

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.s1, self.s2):
            self.buy(size=self.frac)
        elif crossover(self.s2, self.s1):
            self.sell(size=self.frac)


GRID = {"n1": [5, 10], "frac": [0.2, 0.5, 0.9999]}
SETTINGS = [{}, {"exclusive_orders": True}]
