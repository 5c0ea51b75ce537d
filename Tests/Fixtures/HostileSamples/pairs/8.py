# Never returns.
def count_pairs(values, target):
    while True:
        pass
