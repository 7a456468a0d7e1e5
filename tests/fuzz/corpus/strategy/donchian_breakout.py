import pandas as pd

from backtesting.lib import TrailingStrategy


def highest(values, n):
    """Highest value of the n bars before the current one."""
    return pd.Series(values).rolling(n).max().shift(1)


def lowest(values, n):
    """Lowest value of the n bars before the current one."""
    return pd.Series(values).rolling(n).min().shift(1)


class DonchianBreakout(TrailingStrategy):
    """Donchian breakout: long on a close above the previous n-bar high, short below the previous n-bar low, with TrailingStrategy's ATR trailing stop (atr_mult ATRs over atr_periods bars)."""
    n = 20
    atr_mult = 3.0
    atr_periods = 100

    def init(self):
        super().init()
        self.set_atr_periods(self.atr_periods)
        self.set_trailing_sl(self.atr_mult)
        self.upper = self.I(highest, self.data.High, self.n)
        self.lower = self.I(lowest, self.data.Low, self.n)

    def next(self):
        super().next()
        close = self.data.Close[-1]
        if close > self.upper[-1] and not self.position.is_long:
            self.position.close()
            self.buy()
        elif close < self.lower[-1] and not self.position.is_short:
            self.position.close()
            self.sell()
