"""Spread and commissions with fraction sizes: fixed + relative commission (commission=(fixed, rel)), a spread that
moves the SL/TP placement reference, relative commission divided through the fraction."""
import talib

from backtesting import Strategy
from backtesting.lib import crossover


class Costs(Strategy):
    """RSI reversal with a fraction size and SL/TP brackets."""
    frac = 0.5
    window = 10

    def init(self):
        self.rsi = self.I(talib.RSI, self.data.Close, self.window)

    def next(self):
        c = self.data.Close[-1]
        if crossover(30, self.rsi):
            self.position.close()
            self.buy(size=self.frac, sl=c * 0.9, tp=c * 1.1)
        elif crossover(self.rsi, 70):
            self.position.close()
            self.sell(size=self.frac, sl=c * 1.1, tp=c * 0.9)


GRID = {"frac": [0.25, 0.5, 0.75], "window": [7, 14]}
SETTINGS = [{"commission": (5.0, 0.001)}, {"spread": 0.002, "commission": 0.0005}, {"commission": (2.5, 0.0)}]
