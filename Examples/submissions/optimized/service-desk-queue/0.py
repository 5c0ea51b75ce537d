from heapq import heappop, heappush


def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    """Simulate a service desk and return when and by whom each customer is served.

    Event-driven simulation with three heaps of plain ints: waiting customers keyed by
    (priority, index), idle clerks by (idle since, clerk) and busy clerks by (finish,
    clerk). The key time * clerks + clerk serves both for a busy clerk and, after the
    finish, for the same clerk idle.
    """
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    if n == 0:
        return start, served_by
    low = min(priority)
    keys = [(pr - low) * n + i for i, pr in enumerate(priority)]
    idle = list(range(clerks))  # idle since 0
    busy = []
    waiting = []
    nxt = 0
    time = 0
    while True:
        if waiting:
            if not idle:
                time = busy[0] // clerks
        elif nxt < n:
            time = arrival[nxt]
        else:
            break
        while busy and busy[0] < (time + 1) * clerks:
            heappush(idle, heappop(busy))
        while nxt < n and arrival[nxt] <= time:
            heappush(waiting, keys[nxt])
            nxt += 1
        while idle and waiting:
            clerk = heappop(idle) % clerks
            i = heappop(waiting) % n
            start[i] = time
            served_by[i] = clerk
            heappush(busy, (time + duration[i]) * clerks + clerk)
    return start, served_by
