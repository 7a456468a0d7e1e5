"""Stop (breakout) entry orders: a buy-stop above the last high and a sell-stop below the last low, both GTC; once
one fills every order is cancelled and the SL re-set through trade.sl each bar; gap-through fills at the open."""
from backtesting import Strategy


class StopBreakout(Strategy):
    """Bracket the last bar with stop entries offset by `off`; a stop `sl_off` from the close (the cancel also drops the old SL, so `trade.sl or X` sees None)."""
    off = 0.0
    sl_off = 0.02

    def init(self):
        pass

    def next(self):
        if self.position:
            for order in self.orders:
                order.cancel()
            for trade in self.trades:
                if trade.is_long:
                    trade.sl = max(trade.sl or 0, self.data.Close[-1] * (1 - self.sl_off))
                else:
                    trade.sl = min(trade.sl or 1e9, self.data.Close[-1] * (1 + self.sl_off))
            return
        for order in self.orders:
            order.cancel()
        self.buy(stop=self.data.High[-1] * (1 + self.off))
        self.sell(stop=self.data.Low[-1] * (1 - self.off))


GRID = {"off": [0.0, 0.005, 0.02], "sl_off": [0.01, 0.05]}
