"""Limit entry orders below the market (GTC), order.cancel() of stale pending orders in `for order in self.orders:`,
an instance counter of bars since the order, limit sells above the market."""
from backtesting import Strategy
from backtesting.test import SMA


class LimitPullback(Strategy):
    """In an uptrend place a limit buy `depth` below the close; cancel it after `patience` bars; exit with a limit sell above."""
    depth = 0.01
    patience = 3
    n = 20

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.waited = 0

    def next(self):
        c = self.data.Close[-1]
        if self.position:
            if len(self.orders) == 0:
                self.sell(limit=c * (1 + 2 * self.depth), size=self.position.size)
            return
        if len(self.orders) > 0:
            self.waited += 1
            if self.waited >= self.patience:
                for order in self.orders:
                    order.cancel()
                self.waited = 0
        elif c > self.sma[-1]:
            self.buy(limit=c * (1 - self.depth))
            self.waited = 0


GRID = {"depth": [0.005, 0.01, 0.02], "patience": [1, 3, 10]}
