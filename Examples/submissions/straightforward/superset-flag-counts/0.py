def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    """Count, for each query, the users who have all of the query's features enabled."""
    size = 1 << bits
    count = [0] * size
    for f in flags:
        count[f] += 1
    # Sum over supersets, one feature at a time.
    for b in range(bits):
        bit = 1 << b
        for mask in range(size):
            if not mask & bit:
                count[mask] += count[mask | bit]
    return [count[q] for q in queries]
