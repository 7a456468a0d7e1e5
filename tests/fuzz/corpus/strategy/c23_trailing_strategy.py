"""TrailingStrategy: super().init(), set_atr_periods(n), set_trailing_sl(float), super().next() before the entry
logic, entries with and without sl= (a trade gets its first trailing SL at the end of its entry bar)."""
from backtesting.lib import TrailingStrategy, crossover
from backtesting.test import SMA


class Trailing(TrailingStrategy):
    """SMA cross, long and short, with an ATR trailing stop; optional initial SL of sl_pct."""
    atr_n = 20
    mult = 2.5
    sl_pct = 0.0

    def init(self):
        super().init()
        self.set_atr_periods(self.atr_n)
        self.set_trailing_sl(self.mult)
        self.s1 = self.I(SMA, self.data.Close, 10)
        self.s2 = self.I(SMA, self.data.Close, 20)

    def next(self):
        super().next()
        c = self.data.Close[-1]
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(sl=c * (1 - self.sl_pct) if self.sl_pct else None)
        elif crossover(self.s2, self.s1):
            self.position.close()
            self.sell(sl=c * (1 + self.sl_pct) if self.sl_pct else None)


GRID = {"atr_n": [10, 100], "mult": [1.5, 2.5, 6.0], "sl_pct": [0.0, 0.03]}
