import talib

from backtesting import Strategy
from backtesting.lib import crossover


class RsiOscillator(Strategy):
    """RSI threshold strategy: buy when TA-Lib RSI crosses below lower_bound, close when it crosses above upper_bound; optional SL/TP as a fraction of the entry price (0.02 = 2%; 0 = off)."""
    rsi_window = 14
    lower_bound = 30
    upper_bound = 70
    sl_pct = 0.0
    tp_pct = 0.0

    def init(self):
        self.rsi = self.I(talib.RSI, self.data.Close, self.rsi_window)

    def next(self):
        price = self.data.Close[-1]
        if crossover(self.rsi, self.upper_bound):
            self.position.close()
        elif crossover(self.lower_bound, self.rsi):
            self.buy(sl=price * (1 - self.sl_pct) if self.sl_pct else None,
                     tp=price * (1 + self.tp_pct) if self.tp_pct else None)
