# The expert reference. The answer is the lower weighted median: the smallest position p
# whose customers at or left of p carry at least half of the total demand. Find it by
# quickselect without sorting: each round partitions around a random pivot with C-level
# passes (map/compress/sum) and keeps only the side holding the median, O(n) expected.
from itertools import compress, repeat
from operator import gt, lt
from random import Random


def hub_location(positions: list[int], demands: list[int]) -> int:
    pos, dem = positions, demands
    total = sum(dem)
    target = (total + 1) // 2  # smallest p with (demand at or left of p) >= target
    rnd = Random(20240607)
    while True:
        n = len(pos)
        if n <= 32:
            acc = 0
            for p, d in sorted(zip(pos, dem)):
                acc += d
                if acc >= target:
                    return p
        pivot = pos[rnd.randrange(n)]
        below = list(map(lt, pos, repeat(pivot, n)))
        weight_below = sum(compress(dem, below))
        if weight_below >= target:
            pos = list(compress(pos, below))
            dem = list(compress(dem, below))
            total = weight_below
            continue
        above = list(map(gt, pos, repeat(pivot, n)))
        weight_above = sum(compress(dem, above))
        through_pivot = total - weight_above
        if through_pivot >= target:
            return pivot
        target -= through_pivot
        total = weight_above
        pos = list(compress(pos, above))
        dem = list(compress(dem, above))
