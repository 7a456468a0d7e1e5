"""Short entries with sell-limit orders above the market and SL/TP brackets (TP < ref < SL), a short TP changed in
next(), `trade.tp` read back, trades[-1] access."""
from backtesting import Strategy
from backtesting.test import SMA


class ShortLimit(Strategy):
    """In a downtrend place a sell-limit `up` above the close; TP `tp_pct` below, SL above; tighten the TP after 5 bars."""
    up = 0.01
    tp_pct = 0.05
    n = 30

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        c = self.data.Close[-1]
        if self.position:
            t = self.trades[-1]
            if len(self.data) - 1 - t.entry_bar == 5 and t.tp:
                t.tp = max(t.tp, c * 0.99)
            return
        for order in self.orders:
            order.cancel()
        if c < self.sma[-1]:
            p = c * (1 + self.up)
            self.sell(limit=p, tp=p * (1 - self.tp_pct), sl=p * (1 + 2 * self.tp_pct))


GRID = {"up": [0.0, 0.005, 0.02], "tp_pct": [0.02, 0.05]}
SETTINGS = [{}, {"hedging": True, "trade_on_close": True}]
MAXIMIZE = "Max. Drawdown [%]"
