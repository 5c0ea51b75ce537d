# Runs out of memory on the stress levels only: correct on level 0, then a memory limit, which
# zeroes the stress levels but does not fail the sample.
from collections import Counter


def count_pairs(values, target):
    if len(values) > 100:
        values = values * (1 << 24)  # far more than the memory limit, in one request
    counts = Counter(values)
    pairs = 0
    for value, count in counts.items():
        other = target - value
        if value < other:
            pairs += count * counts.get(other, 0)
        elif value == other:
            pairs += count * (count - 1) // 2
    return pairs
