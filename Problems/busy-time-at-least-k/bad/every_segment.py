# Known bad (slower): correct, but counts the sessions covering each elementary segment
# between consecutive distinct times one by one, O(n^2).
def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    times = sorted({t for session in sessions for t in session})
    total = 0
    for a, b in zip(times, times[1:]):
        covering = 0
        for start, end in sessions:
            if start <= a and b <= end:
                covering += 1
        if covering >= k:
            total += b - a
    return total
