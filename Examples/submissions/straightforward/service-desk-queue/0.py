import heapq


def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    """Simulate a service desk and return when and by whom each customer is served."""
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    idle = [(0, c) for c in range(clerks)]  # (idle since, clerk)
    heapq.heapify(idle)
    busy = []      # (finish time, clerk)
    waiting = []   # (priority, index)
    nxt = 0
    time = 0
    while nxt < n or waiting:
        if not waiting:
            time = max(time, arrival[nxt])
        elif not idle:
            time = busy[0][0]
        while busy and busy[0][0] <= time:
            heapq.heappush(idle, heapq.heappop(busy))
        while nxt < n and arrival[nxt] <= time:
            heapq.heappush(waiting, (priority[nxt], nxt))
            nxt += 1
        while idle and waiting:
            _, clerk = heapq.heappop(idle)
            _, i = heapq.heappop(waiting)
            start[i] = time
            served_by[i] = clerk
            heapq.heappush(busy, (time + duration[i], clerk))
    return start, served_by
