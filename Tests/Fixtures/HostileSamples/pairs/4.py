# Does heavy work at import time and little per call: the import is charged to every call.
from collections import Counter

_SQUARES = [i * i for i in range(100_000)]
_TOTAL = sum(_SQUARES)


def count_pairs(values, target):
    counts = Counter(values)
    pairs = 0
    for value, count in counts.items():
        other = target - value
        if value < other:
            pairs += count * counts.get(other, 0)
        elif value == other:
            pairs += count * (count - 1) // 2
    return pairs
