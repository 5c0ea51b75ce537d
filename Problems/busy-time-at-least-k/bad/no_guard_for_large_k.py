# Known bad (rejected): the sorted-starts/sorted-ends formula without the k > n guard:
# fewer than k sessions make starts[k - 1] raise IndexError instead of returning 0.
from itertools import islice


def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    starts = sorted([s for s, _ in sessions])
    ends = sorted([e for _, e in sessions])
    total = max(0, ends[0] - starts[k - 1])
    for e0, e1, s in zip(ends, islice(ends, 1, None), islice(starts, k, None)):
        total += max(0, e1 - max(e0, s))
    return total
