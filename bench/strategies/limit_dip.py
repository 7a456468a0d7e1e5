from backtesting import Strategy
from backtesting.test import SMA


class LimitDip(Strategy):
    """Limit entries: while flat and above SMA(n), a limit buy k below the close, re-placed every bar; exit after hold bars or on a close below the SMA."""
    n = 50
    k = 0.01
    hold = 10

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        close = self.data.Close[-1]
        if not self.position:
            for order in self.orders:
                order.cancel()
            if close > self.sma[-1]:
                self.buy(limit=close * (1 - self.k))
        elif close < self.sma[-1] or len(self.data) - self.trades[-1].entry_bar >= self.hold:
            self.position.close()
