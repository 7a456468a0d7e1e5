from backtesting import Strategy
class S(Strategy):
    def next(self)
        self.buy(
