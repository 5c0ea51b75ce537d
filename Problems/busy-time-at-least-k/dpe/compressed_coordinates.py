# A DPE level: coordinate compression and a difference array over the distinct times,
# then a walk over the elementary segments.
def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    times = sorted({t for session in sessions for t in session})
    index = {t: i for i, t in enumerate(times)}
    diff = [0] * (len(times) + 1)
    for start, end in sessions:
        diff[index[start]] += 1
        diff[index[end]] -= 1
    total = 0
    running = 0
    for i in range(len(times) - 1):
        running += diff[i]
        if running >= k:
            total += times[i + 1] - times[i]
    return total
