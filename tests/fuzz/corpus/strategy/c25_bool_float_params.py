"""Boolean parameters (allow_short=True/False, use_filter) and float parameters used in conditions and prices;
a bool parameter in `if self.flag:` and in `and`/`not`."""
import talib

from backtesting import Strategy
from backtesting.lib import crossover


class BoolFloat(Strategy):
    """EMA cross; shorts only when allow_short; an RSI filter when use_filter; SL at sl_mult ATR."""
    allow_short = True
    use_filter = False
    sl_mult = 2.0

    def init(self):
        self.fast = self.I(talib.EMA, self.data.Close, 10)
        self.slow = self.I(talib.EMA, self.data.Close, 30)
        self.rsi = self.I(talib.RSI, self.data.Close, 14)
        self.atr = self.I(talib.ATR, self.data.High, self.data.Low, self.data.Close, 14)

    def next(self):
        c = self.data.Close[-1]
        ok = not self.use_filter or 35 < self.rsi[-1] < 65
        if crossover(self.fast, self.slow):
            self.position.close()
            if ok:
                self.buy(sl=c - self.sl_mult * self.atr[-1])
        elif crossover(self.slow, self.fast):
            self.position.close()
            if self.allow_short and ok:
                self.sell(sl=c + self.sl_mult * self.atr[-1])


GRID = {"allow_short": [True, False], "use_filter": [False, True], "sl_mult": [1.0, 2.5]}
