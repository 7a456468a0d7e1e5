from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class SmaBracket(Strategy):
    """SL/TP brackets: SMA(n1)/SMA(n2) crossover, long and short, each entry with a stop-loss sl_pct and a take-profit tp_pct away from the signal close."""
    n1 = 10
    n2 = 20
    sl_pct = 0.05
    tp_pct = 0.10

    def init(self):
        close = self.data.Close
        self.sma1 = self.I(SMA, close, self.n1)
        self.sma2 = self.I(SMA, close, self.n2)

    def next(self):
        price = self.data.Close[-1]
        if crossover(self.sma1, self.sma2):
            self.position.close()
            self.buy(sl=price * (1 - self.sl_pct), tp=price * (1 + self.tp_pct))
        elif crossover(self.sma2, self.sma1):
            self.position.close()
            self.sell(sl=price * (1 + self.sl_pct), tp=price * (1 - self.tp_pct))
