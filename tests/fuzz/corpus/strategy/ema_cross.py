import pandas as pd

from backtesting import Strategy
from backtesting.lib import crossover


def EMA(values, n):
    """Exponential moving average: pandas ewm with span n, adjust=False."""
    return pd.Series(values).ewm(span=n, adjust=False).mean()


class EmaCross(Strategy):
    """EMA crossover: long when EMA(n1) crosses above EMA(n2), short when it crosses below; optional SL/TP as a fraction of the close (0.02 = 2%; 0 = off)."""
    n1 = 12
    n2 = 26
    sl_pct = 0.0
    tp_pct = 0.0

    def init(self):
        close = self.data.Close
        self.ema1 = self.I(EMA, close, self.n1)
        self.ema2 = self.I(EMA, close, self.n2)

    def next(self):
        price = self.data.Close[-1]
        if crossover(self.ema1, self.ema2):
            self.position.close()
            self.buy(sl=price * (1 - self.sl_pct) if self.sl_pct else None,
                     tp=price * (1 + self.tp_pct) if self.tp_pct else None)
        elif crossover(self.ema2, self.ema1):
            self.position.close()
            self.sell(sl=price * (1 + self.sl_pct) if self.sl_pct else None,
                      tp=price * (1 - self.tp_pct) if self.tp_pct else None)
