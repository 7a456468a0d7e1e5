"""for trade in self.trades: with trade.entry_bar, trade.size, trade.pl, trade.pl_pct, trade.is_long,
trade.is_short, trade.entry_price, trade.close() -- a time stop and a per-trade profit target; several open trades
(pyramiding with unit sizes)."""
from backtesting import Strategy
from backtesting.test import SMA


class TimeStop(Strategy):
    """Adds `units` shares each time the close is above SMA(n) (at most 3 trades); every trade closes after `hold` bars or at +target%."""
    n = 10
    hold = 10
    units = 5
    target = 5.0

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        now = len(self.data) - 1
        for trade in self.trades:
            if now - trade.entry_bar >= self.hold:
                trade.close()
            elif trade.is_long and trade.pl_pct > self.target and trade.size > 0:
                trade.close()
            elif trade.is_short or trade.entry_price <= 0:
                trade.close()
            elif trade.pl < -1000:
                trade.close()
        if self.data.Close[-1] > self.sma[-1] and len(self.trades) < 3:
            self.buy(size=self.units)


GRID = {"hold": [5, 10, 20], "units": [5, 10]}
MAXIMIZE = "SQN"
