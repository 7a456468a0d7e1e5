"""Many pending orders and many open trades at once (GTC limit orders accumulate, unit-size fills pile up to
`max_orders` trades), TP brackets on each; exercises the engine's capacity and its fallback."""
from backtesting import Strategy


class Ladder(Strategy):
    """Every `every` bars add a 2-share limit buy `depth` under the close with TP +tp_pct, keeping at most max_orders orders."""
    every = 5
    depth = 0.02
    tp_pct = 0.05
    max_orders = 40

    def init(self):
        pass

    def next(self):
        c = self.data.Close[-1]
        if len(self.data) % self.every == 0 and len(self.orders) < self.max_orders and len(self.trades) < self.max_orders:
            p = c * (1 - self.depth)
            self.buy(size=2, limit=p, tp=p * (1 + self.tp_pct))


GRID = {"every": [2, 5], "depth": [0.0, 0.02], "max_orders": [10, 40]}
MAXIMIZE = "Sortino Ratio"
