"""Indicators of indicators: an indicator passed into another self.I (talib.EMA of self.rsi: ta-lib-python skips the
leading NaNs), pandas ewm and rolling over TA-Lib outputs with leading NaNs (in helpers), and a helper that calls
talib on a pandas intermediate."""
import pandas as pd
import talib

from backtesting import Strategy
from backtesting.lib import crossover


def smooth_rsi(close, n, span):
    rsi = talib.RSI(close, n)
    return pd.Series(rsi).ewm(span=span, adjust=True).mean()


def atr_ratio(high, low, close, n):
    atr = pd.Series(talib.ATR(high, low, close, n))
    return atr / atr.rolling(n * 3).mean()


class Composed(Strategy):
    """Buy when the ewm-smoothed RSI crosses above its TA-Lib EMA and volatility is normal; close on the opposite cross."""
    n = 14
    span = 5

    def init(self):
        self.rsi = self.I(talib.RSI, self.data.Close, self.n)
        self.rsi_ema = self.I(talib.EMA, self.rsi, self.span * 2)
        self.srsi = self.I(smooth_rsi, self.data.Close, self.n, self.span)
        self.vol = self.I(atr_ratio, self.data.High, self.data.Low, self.data.Close, self.n)

    def next(self):
        if crossover(self.srsi, self.rsi_ema) and self.vol[-1] < 1.3:
            if not self.position:
                self.buy()
        elif crossover(self.rsi_ema, self.srsi):
            self.position.close()


GRID = {"n": [7, 14], "span": [3, 5, 9]}
SETTINGS = {"commission": 0.001}
DATA = ["GOOG", "EURUSD"]
