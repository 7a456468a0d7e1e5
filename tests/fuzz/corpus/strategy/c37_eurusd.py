"""Hourly EURUSD (5000 bars, prices near 1.1): TA-Lib RSI and BBANDS on small prices, pandas rolling std,
a relative commission and margin, fraction sizes."""
import pandas as pd
import talib

from backtesting import Strategy


class FxRevert(Strategy):
    """Fade BBANDS touches when RSI confirms, exit at the middle band or after `hold` bars."""
    n = 20
    k = 2.0
    hold = 24

    def init(self):
        c = self.data.Close
        self.up, self.mid, self.lo = self.I(talib.BBANDS, c, self.n, self.k, self.k)
        self.rsi = self.I(talib.RSI, c, 14)
        self.sd = self.I(lambda x, n: pd.Series(x).rolling(n).std(), c, self.n)

    def next(self):
        c = self.data.Close[-1]
        if self.position:
            t = self.trades[-1]
            if (t.is_long and c >= self.mid[-1]) or (t.is_short and c <= self.mid[-1]) \
                    or len(self.data) - 1 - t.entry_bar >= self.hold:
                self.position.close()
        elif self.sd[-1] > 0:
            if c < self.lo[-1] and self.rsi[-1] < 35:
                self.buy(size=0.5)
            elif c > self.up[-1] and self.rsi[-1] > 65:
                self.sell(size=0.5)


GRID = {"n": [10, 20], "k": [1.5, 2.0, 2.5]}
DATA = "EURUSD"
SETTINGS = [{"commission": 0.0002, "margin": 0.05}]
