# Known bad (rejected): applies each event before crediting the elapsed time, so every
# stretch is judged by the count at its end instead of the count during it.
def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    events = []
    for start, end in sessions:
        events.append((start, 1))
        events.append((end, -1))
    events.sort()
    running = 0
    previous = events[0][0] if events else 0
    total = 0
    for time, delta in events:
        running += delta
        if running >= k:
            total += time - previous
        previous = time
    return total
