# Known bad (slower): correct, but advances the clock one time unit at a time and scans
# every clerk and every waiting customer at each tick.
def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    n = len(arrival)
    start = [0] * n
    served_by = [0] * n
    idle_since = [0] * clerks
    waiting = []
    i = 0
    served = 0
    now = 0
    while served < n:
        while i < n and arrival[i] <= now:
            waiting.append((priority[i], i))
            i += 1
        while waiting:
            clerk = -1
            for k in range(clerks):
                if idle_since[k] <= now and (clerk < 0 or idle_since[k] < idle_since[clerk]):
                    clerk = k
            if clerk < 0:
                break
            chosen = min(waiting)
            waiting.remove(chosen)
            j = chosen[1]
            start[j] = now
            served_by[j] = clerk
            idle_since[clerk] = now + duration[j]
            served += 1
        now += 1
    return start, served_by
