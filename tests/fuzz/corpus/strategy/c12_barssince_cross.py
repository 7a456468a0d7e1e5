"""backtesting.lib barssince() of a series condition, cross() (either direction), crossover() with a number
on the left and on the right."""
from backtesting import Strategy
from backtesting.lib import barssince, cross, crossover
from backtesting.test import SMA


class BarsSinceCross(Strategy):
    """Enter when the close crosses SMA(n) and the last close above SMA(n) was recent; exit after max_bars since the cross."""
    n = 20
    max_bars = 10

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        since_up = barssince(self.data.Close > self.sma)
        if not self.position and cross(self.data.Close, self.sma) and since_up == 0:
            self.buy()
        elif self.position and (barssince(self.data.Close < self.sma) == 0 and since_up > 3
                                or crossover(self.sma, self.data.Close)):
            self.position.close()
        elif crossover(100, self.data.Close) or crossover(self.data.Close, 1000):
            self.position.close()


GRID = {"n": [10, 20, 40], "max_bars": [5, 10]}
