import talib

from backtesting import Strategy
from backtesting.lib import crossover


class MacdCross(Strategy):
    """MACD crossover, long only: buy when the TA-Lib MACD line crosses above its signal line, close when it crosses below; optional SL/TP as a fraction of the entry price (0.02 = 2%; 0 = off)."""
    fast = 12
    slow = 26
    signal = 9
    sl_pct = 0.0
    tp_pct = 0.0

    def init(self):
        self.macd, self.macd_signal, _ = self.I(talib.MACD, self.data.Close, self.fast, self.slow, self.signal)

    def next(self):
        price = self.data.Close[-1]
        if crossover(self.macd, self.macd_signal):
            if not self.position:
                self.buy(sl=price * (1 - self.sl_pct) if self.sl_pct else None,
                         tp=price * (1 + self.tp_pct) if self.tp_pct else None)
        elif crossover(self.macd_signal, self.macd):
            self.position.close()
