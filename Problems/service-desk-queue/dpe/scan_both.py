# DPE level: no heaps. The most urgent waiting customer is found with min() over the
# waiting list and removed; the clerk idle the longest with min() and index() over the
# clerks' idle times. O(n * (waiting + clerks)).
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
            waiting.append((priority[i], i))
            i += 1
        while waiting:
            earliest = min(idle_since)
            if earliest > now:
                break
            clerk = idle_since.index(earliest)
            chosen = min(waiting)
            waiting.remove(chosen)
            j = chosen[1]
            start[j] = now
            served_by[j] = clerk
            idle_since[clerk] = now + duration[j]
    return start, served_by
