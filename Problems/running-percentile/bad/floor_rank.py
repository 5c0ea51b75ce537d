# Known bad (rejected): rounds the rank p * m / 100 down instead of up.
import heapq


def running_percentile(latencies: list[int], p: int) -> list[int]:
    low = []
    high = []
    out = []
    for m, x in enumerate(latencies, 1):
        rank = max(1, p * m // 100)
        heapq.heappush(low, -x)
        heapq.heappush(high, -heapq.heappop(low))
        while len(low) < rank:
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    return out
