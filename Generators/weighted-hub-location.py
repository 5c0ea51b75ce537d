# Stress inputs for weighted-hub-location: customers in random order along a wide road,
# with spread-out, clustered (many repeated positions) or heavy-tailed demands.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([42], [7]),
            ([4, 1], [2, 2]),
            ([0, 10, 11], [5, 1, 1]),
            ([5, 5, 5], [1, 2, 3]),
            ([10**18, -(10**18), 3], [10**12, 10**12, 1]),
            ([-7, 3, -7, 9, 3, 100], [1, 2, 1, 1, 1, 2]),
            ([-(10**18), 10**18], [1, 1]),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        n = 30
        return ([rng.randint(-20, 20) for _ in range(n)], [rng.randint(1, 4) for _ in range(n)])
    kind = case % 4
    if kind == 0:
        positions = [rng.randint(-(10**9), 10**9) for _ in range(size)]
        demands = [rng.randint(1, 1000) for _ in range(size)]
    elif kind == 1:
        spots = [rng.randint(-(10**6), 10**6) for _ in range(max(1, size // 50))]
        positions = [rng.choice(spots) for _ in range(size)]
        demands = [rng.randint(1, 10) for _ in range(size)]
    elif kind == 2:
        positions = [rng.randint(-(10**15), 10**15) for _ in range(size)]
        demands = [int(rng.paretovariate(1.2)) for _ in range(size)]
    else:
        positions = [rng.randint(0, 4 * size) for _ in range(size)]
        demands = [rng.choice((1, 1, 1, 2, 10**6)) for _ in range(size)]
    return (positions, demands)
