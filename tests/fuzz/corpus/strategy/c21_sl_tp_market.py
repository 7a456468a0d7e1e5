"""SL/TP brackets on market entries: evaluated again in the entry bar (reprocessing), SL wins over TP when both are
hit in one bar, tight brackets that fire on the same bar, long and short."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class Brackets(Strategy):
    """SMA cross entries with SL at -sl_pct and TP at +tp_pct of the signal close (either can be 0 = off)."""
    sl_pct = 0.02
    tp_pct = 0.02

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, 5)
        self.s2 = self.I(SMA, self.data.Close, 15)

    def next(self):
        c = self.data.Close[-1]
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(sl=c * (1 - self.sl_pct) if self.sl_pct else None,
                     tp=c * (1 + self.tp_pct) if self.tp_pct else None)
        elif crossover(self.s2, self.s1):
            self.position.close()
            self.sell(sl=c * (1 + self.sl_pct) if self.sl_pct else None,
                      tp=c * (1 - self.tp_pct) if self.tp_pct else None)


GRID = {"sl_pct": [0.0, 0.005, 0.02], "tp_pct": [0.0, 0.005, 0.03]}
SETTINGS = [{}, {"trade_on_close": True}]
