import heapq


def running_percentile(latencies: list[int], p: int) -> list[int]:
    """Report the nearest-rank p-th percentile of a stream after every new sample."""
    low = []   # max-heap (negated) holding the r smallest samples
    high = []  # min-heap holding the rest
    result = []
    for m, x in enumerate(latencies, start=1):
        if low and x <= -low[0]:
            heapq.heappush(low, -x)
        else:
            heapq.heappush(high, x)
        r = (p * m + 99) // 100
        while len(low) > r:
            heapq.heappush(high, -heapq.heappop(low))
        while len(low) < r:
            heapq.heappush(low, -heapq.heappop(high))
        result.append(-low[0])
    return result
