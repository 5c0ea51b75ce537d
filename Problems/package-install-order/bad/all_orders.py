# Known bad (slower): correct, but tries all n! installation orders.
from itertools import permutations


def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    n = len(base)
    best = None
    for order in permutations(range(n)):
        total = 0
        for k, i in enumerate(order):
            total += max(0, base[i] - sum(discount[j][i] for j in order[:k]))
            if best is not None and total >= best:
                break
        if best is None or total < best:
            best = total
    return best if best is not None else 0
