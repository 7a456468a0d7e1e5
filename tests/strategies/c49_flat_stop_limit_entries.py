"""Entries that live one bar: while flat every pending order is cancelled first, then a buy stop-limit above the close
or a sell stop below it, with a fractional or whole-unit size (whole units can exceed the cash: the order is dropped),
an SL always and a TP only for some combinations (None otherwise); the position closes on an SMA cross."""
from backtesting import Strategy
from backtesting.test import SMA


class FlatStopLimit(Strategy):
    """Above SMA(n): buy stop `gap` above the close, limit `2 gap` above; below it by 2%: sell stop `units` units."""
    n = 20
    gap = 0.005
    frac = 0.5
    units = 10
    use_tp = True

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        if self.position:
            if (self.position.is_long and c < self.sma[-1]) or (self.position.is_short and c > self.sma[-1]):
                self.position.close()
            return
        for order in self.orders:
            order.cancel()
        tp = c * 1.06 if self.use_tp else None
        if c > self.sma[-1]:
            self.buy(stop=c * (1 + self.gap), limit=c * (1 + 2 * self.gap), sl=c * 0.96, tp=tp, size=self.frac)
        elif c < self.sma[-1] * 0.98:
            self.sell(stop=c * (1 - self.gap), size=self.units, sl=c * 1.04)


GRID = {"n": [10, 30], "gap": [0.0, 0.005, 0.02], "frac": [0.25, 0.999], "units": [3, 40], "use_tp": [True, False]}
SETTINGS = [{}, {"trade_on_close": True, "spread": 0.0005}]
MAXIMIZE = "Equity Final [$]"
