from backtesting import Strategy

class W(Strategy):
    k = 2
    def init(self):
        pass
    def next(self):
        while self.k:
            self.buy()
