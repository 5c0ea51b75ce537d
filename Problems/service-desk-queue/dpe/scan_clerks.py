# DPE level: waiting customers in a heap, but the clerk idle the longest is found by
# scanning all clerks' idle times. O(n log n + n * clerks).
from heapq import heappop, heappush


def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    idle_since = [0] * clerks
    waiting = []
    i = 0
    while i < n or waiting:
        now = min(idle_since) if waiting else arrival[i]
        while i < n and arrival[i] <= now:
            heappush(waiting, (priority[i], i))
            i += 1
        while waiting:
            earliest = min(idle_since)
            if earliest > now:
                break
            clerk = idle_since.index(earliest)
            j = heappop(waiting)[1]
            start[j] = now
            served_by[j] = clerk
            idle_since[clerk] = now + duration[j]
    return start, served_by
