def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    """Total time during which at least k sessions run at once."""
    starts = sorted(start for start, end in sessions)
    ends = sorted(end for start, end in sessions)

    # Sweep both sorted lists; at equal times process the ends first (half-open spans).
    total = 0
    active = 0
    previous = None
    i = j = 0
    while i < len(starts):
        if j < len(ends) and ends[j] <= starts[i]:
            time = ends[j]
            delta = -1
            j += 1
        else:
            time = starts[i]
            delta = 1
            i += 1
        if active >= k:
            total += time - previous
        active += delta
        previous = time
    # all starts are processed; the remaining ends only lower the count
    while j < len(ends) and active >= k:
        total += ends[j] - previous
        previous = ends[j]
        active -= 1
        j += 1
    return total
