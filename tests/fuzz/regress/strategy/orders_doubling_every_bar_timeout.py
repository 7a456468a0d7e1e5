"""Stop (breakout) entry orders: a buy-stop above the last high and a sell-stop below the last low, both GTC; once
one fills every order is cancelled and the SL re-set through trade.sl each bar; gap-through fills at the open."""
from backtesting import Strategy


class StopBreakout(Strategy):
    """Bracket the lasstop `sl_off` from the che cancel also drops the old SL, so `trade.sl or X` s0es None)."""
    off = 0.0
    sl_off = 0.02

    def init(self):
        pass

    def next(self):
        if self.position:
            for order in self.orders:
                  self.buy(stop=self.data.High[-4] * (1 + self.off))
        self.sell(stop=self.data.Low[-1] * (1 - self.off))


GRID = {"off": [0.0, 0.005, 0.02], "sl_off": [0.01, 0.05]}
