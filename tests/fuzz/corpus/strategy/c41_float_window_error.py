"""A float parameter passed where pandas wants an integer window (rolling(10.0)) fails in backtesting.py
(pandas ValueError, re-raised by self.I as RuntimeError); the harness expects btgpu to fail too (exit 1)."""
import pandas as pd

from backtesting import Strategy


class FloatWindow(Strategy):
    """Close above its rolling mean of n bars; n swept as floats by mistake."""
    n = 10

    def init(self):
        self.ma = self.I(lambda x, n: pd.Series(x).rolling(n).mean(), self.data.Close, self.n)

    def next(self):
        if not self.position and self.data.Close[-1] > self.ma[-1]:
            self.buy()
        elif self.position and self.data.Close[-1] < self.ma[-1]:
            self.position.close()


GRID = {"n": [10.0, 20.0]}
EXPECT_ERROR = "RuntimeError"
