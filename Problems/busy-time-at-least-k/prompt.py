def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    """Total time during which at least k sessions run at once.

    Each session (start, end) runs during the half-open span [start, end), with
    start <= end; a session with start == end never runs, and a session ending at time t
    does not overlap one starting at t. Times may be negative. k >= 1. Return the total
    length of the times covered by at least k sessions simultaneously (0 if none).

    >>> busy_time([(0, 10), (5, 15), (12, 20)], 2)
    8
    >>> busy_time([(1, 3), (3, 6)], 2)
    0
    >>> busy_time([(1, 3), (3, 6)], 1)
    5
    """
