# DPE level: two heaps, but every sample goes through both of them (push into the low
# heap, move its maximum to the high heap, move one back when the low side is short):
# three heap operations per sample instead of one or two.
import heapq


def running_percentile(latencies: list[int], p: int) -> list[int]:
    low = []
    high = []
    out = []
    for m, x in enumerate(latencies, 1):
        rank = (p * m + 99) // 100
        heapq.heappush(low, -x)
        heapq.heappush(high, -heapq.heappop(low))
        if len(low) < rank:
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    return out
