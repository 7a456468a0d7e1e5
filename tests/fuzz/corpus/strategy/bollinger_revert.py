import talib

from backtesting import Strategy


class BollingerRevert(Strategy):
    """Bollinger mean reversion: while flat, a limit buy at the lower TA-Lib band (re-placed every bar) with take-profit at the middle band; optional SL as a fraction of the entry (0.02 = 2%; 0 = off)."""
    n = 20
    k = 2.0
    sl_pct = 0.0

    def init(self):
        self.upper, self.middle, self.lower = self.I(talib.BBANDS, self.data.Close, self.n, self.k, self.k)

    def next(self):
        if not self.position:
            for order in self.orders:
                order.cancel()
            entry = self.lower[-1]
            self.buy(limit=entry, tp=self.middle[-1],
                     sl=entry * (1 - self.sl_pct) if self.sl_pct else None)
