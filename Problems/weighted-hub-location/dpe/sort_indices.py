# A DPE level: sort the customer indices by position (a Python key function, called once per
# customer), accumulate demand in that order and binary-search the first prefix reaching half
# the total. O(n log n).
from bisect import bisect_left
from itertools import accumulate


def hub_location(positions: list[int], demands: list[int]) -> int:
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    prefix = list(accumulate(demands[i] for i in order))
    return positions[order[bisect_left(prefix, (prefix[-1] + 1) // 2)]]
