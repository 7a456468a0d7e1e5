from backtesting import Strategy

class Empty(Strategy):
    def init(self):
        pass

    def next(self):
        pass
