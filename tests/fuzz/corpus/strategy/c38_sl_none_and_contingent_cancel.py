"""trade.sl = None and trade.tp = None remove the brackets; order.cancel() inside `for order in self.orders` with
pending entries and contingent orders both in the queue (cancelling a contingent order drops the trade's SL/TP)."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class DropBrackets(Strategy):
    """SMA cross with SL/TP; after `k` bars in a winning trade the brackets are removed; flat bars cancel every order."""
    k = 5
    cancel_all = False

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, 10)
        self.s2 = self.I(SMA, self.data.Close, 20)

    def next(self):
        c = self.data.Close[-1]
        for trade in self.trades:
            if len(self.data) - 1 - trade.entry_bar == self.k and trade.pl > 0:
                trade.sl = None
                trade.tp = None
        if self.cancel_all and len(self.trades) > 0 and len(self.data) % 10 == 0:
            for order in self.orders:
                order.cancel()
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(sl=c * 0.95, tp=c * 1.15)
        elif crossover(self.s2, self.s1):
            self.position.close()


GRID = {"k": [1, 5, 20], "cancel_all": [False, True]}
