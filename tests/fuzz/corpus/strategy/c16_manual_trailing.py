"""A hand-written trailing stop in next(): `trade.sl = max(trade.sl or 0, close - k*ATR)` for longs and
`min(trade.sl or 1e12, close + k*ATR)` for shorts, with talib.ATR; entries without SL (trade.sl unset at first)."""
import talib

from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class ManualTrail(Strategy):
    """SMA cross, long and short, with a k*ATR trailing stop set by hand."""
    n = 20
    k = 3.0
    atr_n = 14

    def init(self):
        self.sma = self.I(SMA, self.data.Close, self.n)
        self.atr = self.I(talib.ATR, self.data.High, self.data.Low, self.data.Close, self.atr_n)

    def next(self):
        c = self.data.Close[-1]
        for trade in self.trades:
            if trade.is_long:
                trade.sl = max(trade.sl or 0, c - self.k * self.atr[-1])
            else:
                trade.sl = min(trade.sl or 1e12, c + self.k * self.atr[-1])
        if crossover(self.data.Close, self.sma):
            self.position.close()
            self.buy()
        elif crossover(self.sma, self.data.Close):
            self.position.close()
            self.sell()


GRID = {"k": [1.5, 3.0, 6.0], "atr_n": [7, 14]}
