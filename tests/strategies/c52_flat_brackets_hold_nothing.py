"""One-bar bracket entries re-placed on every flat bar, and nothing at all while a trade is held: the exits are the
entry's own SL and TP (either may be None), so a holding lane waits for its brackets alone. Long limit or stop
entries below / above an SMA, or short ones above / below it, with a fractional size for some combinations."""
from backtesting import Strategy
from backtesting.test import SMA


class FlatBrackets(Strategy):
    """While flat: cancel what is pending, then one entry `k` away from SMA(n) with SL `sl_pct` and TP `tp_pct`
    (0 = None); `short` sells instead of buying, `stop_entry` enters on a breakout instead of a pullback."""
    n = 20
    k = 0.01
    sl_pct = 0.03
    tp_pct = 0.05
    short = False
    stop_entry = False
    frac = 0.0

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        if self.position:
            return
        for order in self.orders:
            order.cancel()
        m = self.sma[-1]
        size = self.frac if self.frac else 0.9999
        if not self.short:
            entry = m * (1 + self.k) if self.stop_entry else m * (1 - self.k)
            sl = entry * (1 - self.sl_pct) if self.sl_pct else None
            tp = entry * (1 + self.tp_pct) if self.tp_pct else None
            if self.stop_entry:
                self.buy(stop=entry, sl=sl, tp=tp, size=size)
            else:
                self.buy(limit=entry, sl=sl, tp=tp, size=size)
        else:
            entry = m * (1 - self.k) if self.stop_entry else m * (1 + self.k)
            sl = entry * (1 + self.sl_pct) if self.sl_pct else None
            tp = entry * (1 - self.tp_pct) if self.tp_pct else None
            if self.stop_entry:
                self.sell(stop=entry, sl=sl, tp=tp, size=size)
            else:
                self.sell(limit=entry, sl=sl, tp=tp, size=size)


GRID = {"n": [10, 30], "k": [0.0, 0.01, 0.03], "sl_pct": [0.0, 0.03], "tp_pct": [0.0, 0.05],
        "short": [False, True], "stop_entry": [False, True], "frac": [0.0, 0.5]}
SETTINGS = [{}, {"trade_on_close": True, "commission": 0.001},
            {"hedging": True, "spread": 0.0005, "margin": 0.5, "finalize_trades": True}]
MAXIMIZE = "Equity Final [$]"
