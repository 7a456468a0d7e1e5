"""len(self.data), len(self.trades), len(self.orders), self.equity, position truthiness, .size, .pl, .pl_pct,
.is_long, .is_short, position.close() on profit/loss thresholds."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class PositionAttrs(Strategy):
    """SMA cross with exits on position P/L percentage and equity thresholds; no trades before bar `start`."""
    n1 = 10
    n2 = 30
    take = 8.0
    start = 100

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if len(self.data) < self.start:
            return
        pos = self.position
        if pos and (pos.pl_pct > self.take or pos.pl_pct < -self.take / 2):
            pos.close()
            return
        if crossover(self.s1, self.s2) and not pos.is_long and len(self.orders) == 0:
            pos.close()
            self.buy()
        elif crossover(self.s2, self.s1) and not pos.is_short:
            pos.close()
            if self.equity > 10000 and pos.size >= 0 and len(self.trades) <= 1:
                self.sell(size=0.5)
        elif pos.is_long and pos.pl < -0.1 * self.equity:
            pos.close()


GRID = {"take": [4.0, 8.0, 20.0], "start": [30, 300]}
