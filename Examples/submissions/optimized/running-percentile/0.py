from bisect import insort
from heapq import heappush, heappushpop
from itertools import accumulate


def running_percentile(latencies: list[int], p: int) -> list[int]:
    """Report the nearest-rank p-th percentile of a stream after every new sample.

    The percentile's rank r = ceil(p * m / 100) grows by 0 or 1 per sample, following a
    pattern that repeats every 100 samples. Only a sorted window of a few hundred samples
    around rank r is kept (C-level insort); samples below it are only counted and samples
    above it dropped, so most samples cost two comparisons. The window is trimmed when it
    grows too wide and rebuilt from all samples (one sort) when the rank leaves it; should
    that happen often (a drifting stream), the rest runs on two heaps.
    """
    n = len(latencies)
    if n == 0:
        return []
    if p == 100:
        return list(accumulate(latencies, max))
    # steps[m - 1] is 1 when the rank grows at sample m
    period = [(p * m + 99) // 100 - (p * m - p + 99) // 100 for m in range(1, 101)]
    steps = period * (n // 100 + 1)
    half = 256
    limit = 4 * half
    inf = float("inf")
    out = []
    append = out.append
    rank = 0
    below = 0  # samples left of the window (each <= low)
    window = []  # sorted samples in [low, high]
    low = -inf  # samples outside [low, high] are only counted (below) or dropped (above)
    high = inf
    rebuilds = 0
    m = 0
    for x, up in zip(latencies, steps):
        m += 1
        rank += up
        if x < low:
            below += 1
        elif x <= high:
            insort(window, x)
            if len(window) > limit:
                # trim the window to the samples around the current rank
                i = rank - 1 - below
                start = i - half if i > half else 0
                if start:
                    below += start
                    low = window[start]
                if i + half + 1 < len(window):
                    high = window[i + half]
                window = window[start : i + half + 1]
        i = rank - 1 - below
        if 0 <= i < len(window):
            append(window[i])
            continue
        # the rank left the window: rebuild it from all the samples so far
        rebuilds += 1
        ordered = sorted(latencies[:m])
        if rebuilds > 16 and m > 4096:
            return _heaps(latencies, steps, m, rank, ordered, out)
        below = rank - 1 - half if rank - 1 > half else 0
        window = ordered[below : rank + half]
        low = window[0] if below else -inf
        high = window[-1] if rank + half < m else inf
        append(window[rank - 1 - below])
    return out


def _heaps(latencies, steps, m, rank, ordered, out):
    """Continue with two heaps: the rank smallest samples (negated) and the rest."""
    low = [-v for v in reversed(ordered[:rank])]
    high = ordered[rank:]
    append = out.append
    append(-low[0])
    for x, up in zip(latencies[m:], steps[m:]):
        if up:
            heappush(low, -heappushpop(high, x))
        else:
            heappush(high, -heappushpop(low, -x))
        append(-low[0])
    return out
