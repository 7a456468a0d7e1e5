"""TA-Lib indicators of the registry: SMA, EMA, WMA, ATR, MAX, MIN, ADX, CCI, with keyword options
(timeperiod=) and positional ones; several inputs (high, low, close)."""
import talib

from backtesting import Strategy


class TalibZoo(Strategy):
    """Trend entries when ADX > adx_min, WMA > EMA and CCI > 0; exit under the MIN channel or on CCI < -100."""
    n = 14
    adx_min = 20

    def init(self):
        self.sma = self.I(talib.SMA, self.data.Close, timeperiod=self.n * 2)
        self.ema = self.I(talib.EMA, self.data.Close, timeperiod=self.n)
        self.wma = self.I(talib.WMA, self.data.Close, self.n)
        self.atr = self.I(talib.ATR, self.data.High, self.data.Low, self.data.Close, timeperiod=self.n)
        self.hi = self.I(talib.MAX, self.data.High, self.n)
        self.lo = self.I(talib.MIN, self.data.Low, timeperiod=self.n)
        self.adx = self.I(talib.ADX, self.data.High, self.data.Low, self.data.Close, self.n)
        self.cci = self.I(talib.CCI, self.data.High, self.data.Low, self.data.Close, timeperiod=self.n)

    def next(self):
        if not self.position:
            if (self.adx[-1] > self.adx_min and self.wma[-1] > self.ema[-1] > self.sma[-1]
                    and self.cci[-1] > 0):
                self.buy(sl=self.data.Close[-1] - 2 * self.atr[-1])
        elif self.data.Close[-1] < self.lo[-2] or self.cci[-1] < -100 or self.data.High[-1] >= self.hi[-1] + 3 * self.atr[-1]:
            self.position.close()


GRID = {"n": [10, 14, 20], "adx_min": [15, 25]}
