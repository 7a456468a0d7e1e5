"""TrailingStrategy's ATR stop beside a TP bracket and one-bar entries: while flat every pending order is cancelled,
then a buy stop just above the close on an SMA cross up, or a market short on a cross down (its trailing SL moves
down from above); each entry carries a TP `tp` away, so the SL the stop trails and the TP share the queue."""
from backtesting.lib import TrailingStrategy, crossover
from backtesting.test import SMA


class TrailBracket(TrailingStrategy):
    """SMA(n) crosses: long through a stop 0.2% above the close, short at the market; TP `tp` away, ATR trailing SL."""
    n = 20
    atr_mult = 2.0
    tp = 0.08

    def init(self):
        super().init()
        self.set_atr_periods(20)
        self.set_trailing_sl(self.atr_mult)
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        super().next()
        if self.position:
            return
        for order in self.orders:
            order.cancel()
        c = self.data.Close[-1]
        if crossover(self.data.Close, self.sma):
            self.buy(stop=c * 1.002, tp=c * (1 + self.tp))
        elif crossover(self.sma, self.data.Close):
            self.sell(tp=c * (1 - self.tp))


GRID = {"n": [10, 30], "atr_mult": [1.0, 2.5, 4.0], "tp": [0.03, 0.2]}
SETTINGS = [{}, {"trade_on_close": True, "commission": 0.001}]
MAXIMIZE = "Profit Factor"
