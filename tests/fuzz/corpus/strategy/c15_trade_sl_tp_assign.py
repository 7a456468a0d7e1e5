"""trade.sl and trade.tp assignment in next(): a break-even stop once in profit, moving the TP, and
`trade.sl or X` while the SL is unset; SL/TP given at entry as well."""
from backtesting import Strategy
from backtesting.lib import crossover
from backtesting.test import SMA


class BreakEven(Strategy):
    """SMA cross entries with sl= at entry; stop moved to break-even after +be_pct%, TP raised on strength."""
    n1 = 10
    n2 = 30
    be_pct = 3.0
    sl_pct = 0.05

    def init(self):
        self.s1 = self.I(SMA, self.data.Close, self.n1)
        self.s2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        c = self.data.Close[-1]
        for trade in self.trades:
            if trade.pl_pct > self.be_pct:
                trade.sl = max(trade.sl or 0.0, trade.entry_price)
            if trade.tp and c > trade.tp * 0.98:
                trade.tp = trade.tp * 1.05
        if crossover(self.s1, self.s2):
            self.position.close()
            self.buy(sl=c * (1 - self.sl_pct), tp=c * 1.2)
        elif crossover(self.s2, self.s1):
            self.position.close()


GRID = {"be_pct": [1.0, 3.0, 10.0], "sl_pct": [0.02, 0.05]}
