from backtesting import Strategy
class Z(Strategy):
    d = 0
    def init(self):
        self.x = 1 / self.d
    def next(self):
        pass
