from backtesting.lib import TrailingStrategy, crossover
from backtesting.test import SMA


class TrendTrailing(TrailingStrategy):
    """Trailing stop: long when the close crosses above SMA(n), protected only by TrailingStrategy's ATR trailing stop (atr_mult ATRs over atr_periods bars)."""
    n = 50
    atr_mult = 2.0
    atr_periods = 20

    def init(self):
        super().init()
        self.set_atr_periods(self.atr_periods)
        self.set_trailing_sl(self.atr_mult)
        self.sma = self.I(SMA, self.data.Close, self.n)

    def next(self):
        super().next()
        if not self.position and crossover(self.data.Close, self.sma):
            self.buy()
