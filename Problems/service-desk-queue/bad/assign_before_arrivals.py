# Known bad (rejected): at a time t it assigns the clerks that become idle at t before
# admitting the customers who arrive at t, so a later, more urgent arrival loses out.
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
            while i < n and arrival[i] < now:
                heappush(waiting, (priority[i], i))
                i += 1
            while waiting and desk[0][0] <= now:
                j = heappop(waiting)[1]
                clerk = desk[0][1]
                start[j] = now
                served_by[j] = clerk
                heapreplace(desk, (now + duration[j], clerk))
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
