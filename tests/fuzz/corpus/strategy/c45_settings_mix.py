"""Settings combined: hedging with exclusive_orders, trade_on_close with spread and fixed commission, margin with
finalize_trades -- on a strategy with limit and stop entries, SL/TP brackets and partial closes of shorts."""
from backtesting import Strategy
from backtesting.test import SMA


class Mix(Strategy):
    """Long stop entries above the high in uptrends, short limit entries above the close in downtrends, each with
    brackets; shorts are scaled out by trade.close(0.5) after 3 bars."""
    n = 20
    br = 0.03

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        for trade in self.trades:
            if trade.is_short and len(self.data) - 1 - trade.entry_bar == 3:
                trade.close(0.5)
        if len(self.orders) > 6:
            for order in self.orders:
                order.cancel()
        if c > self.sma[-1] and not self.position.is_long:
            s = self.data.High[-1] * 1.001
            self.buy(stop=s, sl=s * (1 - self.br), tp=s * (1 + 2 * self.br), size=7)
        elif c < self.sma[-1] and not self.position.is_short:
            p = c * 1.002
            self.sell(limit=p, sl=p * (1 + self.br), tp=p * (1 - self.br), size=9)


GRID = {"n": [10, 30], "br": [0.01, 0.03]}
SETTINGS = [{"hedging": True, "exclusive_orders": True},
            {"trade_on_close": True, "spread": 0.001, "commission": (1.0, 0.0005)},
            {"margin": 0.25, "finalize_trades": True}]
MAXIMIZE = "SQN"
