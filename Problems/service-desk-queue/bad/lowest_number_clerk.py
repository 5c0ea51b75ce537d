# Known bad (rejected): gives the customer the lowest-numbered idle clerk instead of
# the clerk who has been idle the longest.
from heapq import heappop, heappush


def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    free = list(range(clerks))
    busy = []
    waiting = []
    i = 0
    while i < n or waiting:
        # At the top of the loop either nobody waits or no clerk is idle.
        now = busy[0][0] if waiting else arrival[i]
        while busy and busy[0][0] <= now:
            heappush(free, heappop(busy)[1])
        while i < n and arrival[i] <= now:
            heappush(waiting, (priority[i], i))
            i += 1
        while waiting and free:
            j = heappop(waiting)[1]
            clerk = heappop(free)
            start[j] = now
            served_by[j] = clerk
            heappush(busy, (now + duration[j], clerk))
    return start, served_by
