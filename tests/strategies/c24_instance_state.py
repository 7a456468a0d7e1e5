"""Numeric instance attributes as state: counters set in init() and updated in next() (self.count += 1,
self.last_exit = len(self.data)), a cooldown after each exit, consecutive-bar counts, the previous bar's
close kept as a number (self.prev_close = self.data.Close[-1])."""
from backtesting import Strategy
from backtesting.test import SMA


class Cooldown(Strategy):
    """Buy after `streak` consecutive closes above SMA(n); exit after a close below; wait `cool` bars after an exit."""
    n = 20
    streak = 3
    cool = 5

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.count = 0
        self.last_exit = -1000
        self.entries = 0
        self.prev_close = 0.0

    def next(self):
        if self.data.Close[-1] > self.sma[-1]:
            self.count += 1
        else:
            self.count = 0
        now = len(self.data)
        if self.position:
            if self.count == 0:
                self.position.close()
                self.last_exit = now
        elif self.count >= self.streak and now - self.last_exit > self.cool and self.data.Close[-1] > self.prev_close:
            self.buy()
            self.entries = self.entries + 1
        self.prev_close = self.data.Close[-1]


GRID = {"streak": [1, 3, 6], "cool": [0, 5, 20]}
MAXIMIZE = "Calmar Ratio"
