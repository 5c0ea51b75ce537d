# Honest: the expert's own algorithm. Its efficiency must be about 1: interpreter start-up
# and the harness's per-call work are not charged to it.
from collections import Counter


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
