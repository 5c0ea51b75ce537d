# Stress inputs for Problems/package-install-order.
#
# size is the number of packages n. Level 0: edge cases (no package, one package, no
# discounts, discounts that exceed the base cost) plus small random cases where a greedy
# order is usually wrong. Stress levels: n packages with random bases and sparse-ish
# discounts, so the subset DP has to explore all 2^n installed sets.


def _matrix(rng, n, high, density):
    return [
        [0 if i == j or rng.random() > density else rng.randint(1, high) for j in range(n)]
        for i in range(n)
    ]


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], []),
            ([7], [[0]]),
            ([4, 9, 2], [[0, 0, 0], [0, 0, 0], [0, 0, 0]]),
            ([5, 5, 5], [[0, 9, 9], [9, 0, 9], [9, 9, 0]]),
            ([3, 0, 3, 3], [[0, 1, 0, 2], [4, 0, 4, 0], [0, 0, 0, 0], [1, 2, 3, 0]]),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        n = rng.randint(size - 1, size + 1)
        base = [rng.randint(5, 30) for _ in range(n)]
        return (base, _matrix(rng, n, 12, 0.6))
    n = size
    base = [rng.randint(100, 1000) for _ in range(n)]
    return (base, _matrix(rng, n, 150, 0.7))
