"""Unpacking multi-output TA-Lib indicators: MACD (three outputs, one discarded with _), BBANDS (three), STOCH (two);
`from talib import ...` imports next to `import talib`."""
import talib
from talib import STOCH

from backtesting import Strategy
from backtesting.lib import crossover


class MacdBandsStoch(Strategy):
    """Enter long on a MACD histogram turning positive while the close is under the upper band and %K < 80; exit on %K crossing below %D."""
    fast = 12
    slow = 26
    k_period = 14

    def init(self):
        self.macd, self.sig, self.hist = self.I(talib.MACD, self.data.Close, self.fast, self.slow, 9)
        self.bb_up, _, self.bb_lo = self.I(talib.BBANDS, self.data.Close, 20, 2.0, 2.0)
        self.k, self.d = self.I(STOCH, self.data.High, self.data.Low, self.data.Close, self.k_period, 3, 0, 3, 0)

    def next(self):
        if not self.position:
            if self.hist[-2] < 0 < self.hist[-1] and self.data.Close[-1] < self.bb_up[-1] and self.k[-1] < 80:
                self.buy()
        elif crossover(self.d, self.k):
            self.position.close()


GRID = {"fast": [8, 12], "slow": [21, 26], "k_period": [9, 14]}
