# Expert: event simulation with two heaps. Clerks sit in one heap keyed by
# (time they become idle, number): its top is the clerk idle the longest, or the next
# one to finish. Waiting customers sit in a heap keyed by (priority, index).
# O(n log n + n log clerks).
from heapq import heappop, heappush, heapreplace


def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    desk = [(0, k) for k in range(clerks)]
    waiting = []
    i = 0
    while i < n or waiting:
        if waiting:
            now = desk[0][0]
        else:
            now = arrival[i]
        while i < n and arrival[i] <= now:
            heappush(waiting, (priority[i], i))
            i += 1
        while waiting and desk[0][0] <= now:
            j = heappop(waiting)[1]
            clerk = desk[0][1]
            start[j] = now
            served_by[j] = clerk
            heapreplace(desk, (now + duration[j], clerk))
    return start, served_by
