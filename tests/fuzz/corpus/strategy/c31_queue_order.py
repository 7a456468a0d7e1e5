"""Statement order decides the queue order: `trade.sl = X` then `position.close()` (the close is inserted at the front
and fills at the open) versus `position.close()` then `trade.sl = X` (the SL goes in front and can fill first)."""
from backtesting import Strategy
from backtesting.test import SMA


class SlThenClose(Strategy):
    """After `hold` bars: set trade.sl just under the close, then close the position."""
    hold = 3
    n = 10

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        if self.position:
            if len(self.data) - 1 - self.trades[0].entry_bar >= self.hold:
                self.trades[0].sl = self.data.Close[-1] * 0.999
                self.position.close()
        elif self.data.Close[-1] > self.sma[-1]:
            self.buy()


class CloseThenSl(Strategy):
    """After `hold` bars: close the position, then set trade.sl just under the close."""
    hold = 3
    n = 10

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        if self.position:
            if len(self.data) - 1 - self.trades[0].entry_bar >= self.hold:
                self.position.close()
                self.trades[0].sl = self.data.Close[-1] * 0.999
        elif self.data.Close[-1] > self.sma[-1]:
            self.buy()


GRID = {"hold": [1, 3, 7], "n": [10, 30]}
