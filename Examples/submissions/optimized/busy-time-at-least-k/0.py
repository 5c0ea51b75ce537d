from operator import itemgetter


def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    """Total time during which at least k sessions run at once.

    With the starts s and the ends e sorted separately (s[i] <= e[i] for every i, since
    every session has start <= end), at least k sessions run at time t exactly when
    s[j + k - 1] <= t < e[j] for some j. Those intervals have non-decreasing left and
    right ends, so one pass over them adds up their union.
    """
    n = len(sessions)
    if k > n:
        return 0
    starts = list(map(itemgetter(0), sessions))
    ends = list(map(itemgetter(1), sessions))
    starts.sort()
    ends.sort()
    total = 0
    prev = starts[k - 1]
    for s, e in zip(starts[k - 1 :], ends):
        if s > prev:
            prev = s
        if e > prev:
            total += e - prev
            prev = e
    return total
