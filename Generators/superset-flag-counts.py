# Stress inputs for superset-flag-counts: (flags, queries, bits), where the level's size is
# bits. Level 0 covers the edge cases: no users, no queries, bits = 0, duplicate masks,
# the full mask, the empty query, and masks that differ from a query only in the highest
# feature. Stress levels draw 2^(bits-5) users and as many queries, uniformly over all
# masks (about bits/2 features each, so enumerating the submasks of every user or the
# supersets of every query is expensive), plus some sparse and dense masks.


def _mask(rng, bits):
    roll = rng.random()
    if roll < 0.1:  # sparse: a few features
        mask = 0
        for _ in range(rng.randint(0, 3)):
            mask |= 1 << rng.randrange(bits)
        return mask
    if roll < 0.2:  # dense: all but a few features
        mask = (1 << bits) - 1
        for _ in range(rng.randint(0, 3)):
            mask &= ~(1 << rng.randrange(bits))
        return mask
    return rng.getrandbits(bits)


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], [0, 1, 3], 2),
            ([3, 1], [], 2),
            ([0, 0, 0], [0], 0),
            ([5, 5, 7, 2, 5], [5, 7, 0, 2, 1, 4], 3),
            ([15, 15, 15, 0], [15, 8, 0, 7], 4),
            ([8, 9, 1, 12, 8], [8, 1, 0, 4, 9], 4),
            ([1, 2, 4, 8, 16, 31], [0, 1, 3, 16, 31, 17], 5),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        bits = size
        flags = [rng.getrandbits(bits) for _ in range(40)]
        queries = [rng.getrandbits(bits) for _ in range(40)]
        return (flags, queries, bits)
    bits = size
    count = 1 << (bits - 5)
    flags = [_mask(rng, bits) for _ in range(count)]
    queries = [_mask(rng, bits) for _ in range(count)]
    return (flags, queries, bits)
