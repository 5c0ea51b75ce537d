# Expert: two heaps. `low` (a max-heap of negated values) holds the r smallest samples,
# `high` (a min-heap) the rest. As m grows by one, r = ceil(p * m / 100) grows by 0 or 1,
# tracked with an integer accumulator; each sample then costs one or two heap operations
# (heappushpop when it crosses the boundary). O(n log n).
from heapq import heappush, heappushpop


def running_percentile(latencies: list[int], p: int) -> list[int]:
    low = []
    high = []
    out = []
    append = out.append
    carry = 99  # r(m) = (p * m + 99) // 100; carry = (p * m + 99) % 100
    for x in latencies:
        carry += p
        if carry >= 100:
            carry -= 100
            if high and x > high[0]:
                heappush(low, -heappushpop(high, x))
            else:
                heappush(low, -x)
        elif x < -low[0]:
            heappush(high, -heappushpop(low, -x))
        else:
            heappush(high, x)
        append(-low[0])
    return out
