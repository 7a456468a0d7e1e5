"""Stop-limit entries: limit on the already-passed side of the stop (long limit <= stop: not filled on the trigger bar)
and on the other side (limit above the stop: filled at the stop or better); TP bracket on the entry."""
from backtesting import Strategy
from backtesting.test import SMA


class StopLimit(Strategy):
    """Buy-stop above the high with a limit `lim` relative to the stop (cancelled after 5 bars); take profit at +tp_pct."""
    lim = -0.005
    tp_pct = 0.04
    n = 10

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.age = 0

    def next(self):
        if self.position:
            if self.data.Close[-1] < self.sma[-1]:
                self.position.close()
            return
        if len(self.orders) > 0:
            self.age += 1
            if self.age > 5:
                for order in self.orders:
                    order.cancel()
        elif self.data.Close[-1] > self.sma[-1]:
            self.age = 0
            stop = self.data.High[-1] * 1.002
            self.buy(stop=stop, limit=stop * (1 + self.lim), tp=stop * (1 + self.tp_pct))


GRID = {"lim": [-0.01, -0.002, 0.0, 0.003, 0.02], "tp_pct": [0.03, 0.06]}
