"""trade_on_close=True with stop entries (base price = previous close, so a gap above the stop fills at the stop),
contingent SL/TP still at the open, market closes stamped on the previous bar."""
from backtesting import Strategy
from backtesting.test import SMA


class CloseStops(Strategy):
    """A buy-stop a little above the close when the close is above SMA(n); SL/TP brackets; close when under the SMA."""
    n = 20
    gap = 0.005

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        if self.position:
            if c < self.sma[-1]:
                self.position.close()
            return
        for order in self.orders:
            order.cancel()
        if c > self.sma[-1]:
            self.buy(stop=c * (1 + self.gap), sl=c * 0.95, tp=c * 1.08)


GRID = {"n": [10, 20, 50], "gap": [0.0001, 0.005, 0.02]}
SETTINGS = [{"trade_on_close": True}, {}]
