from backtesting import Strategy
class A(Strategy):
    def next(self):
        self.buy()
class B(A):
    n = 3.5
    def next(self):
        if self.data.Close[-1] > self.data.Open[-1] * 1.01:
            self.sell(size=self.n)
