# A DPE level: net change of the running count per timestamp in a dict, then a walk over
# the sorted timestamps.
def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    delta = {}
    for start, end in sessions:
        delta[start] = delta.get(start, 0) + 1
        delta[end] = delta.get(end, 0) - 1
    running = 0
    previous = 0
    total = 0
    for time in sorted(delta):
        if running >= k:
            total += time - previous
        previous = time
        running += delta[time]
    return total
