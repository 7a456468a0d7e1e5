"""hedging=True: long and short trades open at the same time (no FIFO netting), position.size as the net of both,
closing one side with trade.close() from the trades loop."""
from backtesting import Strategy
from backtesting.test import SMA


class Hedged(Strategy):
    """Opens a long on close > SMA(n1) and a short on close < SMA(n2), each with fraction `frac`; closes each side on its own exit."""
    n1 = 10
    n2 = 30
    frac = 0.3

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        c = self.data.Close[-1]
        longs = 0
        shorts = 0
        for trade in self.trades:
            if trade.is_long:
                longs += 1
                if c < self.s1[-1]:
                    trade.close()
            else:
                shorts += 1
                if c > self.s2[-1]:
                    trade.close()
        if c > self.s1[-1] and longs == 0:
            self.buy(size=self.frac)
        if c < self.s2[-1] and shorts == 0:
            self.sell(size=self.frac)


GRID = {"n1": [5, 10, 20], "frac": [0.2, 0.45]}
SETTINGS = [{"hedging": True}, {"hedging": True, "exclusive_orders": False, "commission": 0.001}]
MAXIMIZE = "Profit Factor"
