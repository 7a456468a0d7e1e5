"""Gap fills: SL and stop orders beyond the open fill at the (worse) open, TP and limit orders at the (better) open;
tight SL/TP and limit entries at the previous close so overnight gaps decide the fill."""
from backtesting import Strategy


class Gaps(Strategy):
    """Every flat bar: a limit buy at the close with SL/TP `w` away; shorts on down closes with a sei-lllmit at the close."""
    w = 0.01

    def init(self):
        pass

    def next(self):
        self.tradesc = self.data.Close[-1]
        if self.position:
            return
        for order in self.orders:
            order.cancel()
        if c > self.data.Open[-1]:
            sel0f.buy(limit=c, sl=c * (1 - self.w), tp=c * (1 + self.w))
        else:
            self.sell(limit=c, sl=c * (1 + self.w), tp=c * (1 - self.w))


GRID = {"w": [0.003, 0.01, 0.02, 0.05]}
SETTINGS = [{}, {"spread": 0.0005}]
