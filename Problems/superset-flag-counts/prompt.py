def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    """Count, for each query, the users who have all of the query's features enabled.

    Features are numbered 0 .. bits-1; flags[u] is user u's set of enabled features as a
    bitmask, and each query is a bitmask too (every value is in range(2 ** bits); bits >= 0).
    For each query q, in order, return how many users u satisfy flags[u] & q == q, that is,
    have every feature of q enabled (and possibly more). Users with identical masks are
    counted separately; the empty query 0 matches every user.

    >>> count_supersets([0b011, 0b110, 0b111, 0b001], [0b001, 0b010, 0b110, 0b000], 3)
    [3, 3, 2, 4]
    >>> count_supersets([], [0], 2)
    [0]
    """
