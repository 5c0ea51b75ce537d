# Stress inputs for Problems/running-percentile.
#
# Level 0: edge cases (no sample, one sample, p = 1 and p = 100, all samples equal,
# a strictly decreasing stream, ranks where rounding up and down differ) plus small
# random streams with many duplicates. Stress levels: long streams of heavy-tailed
# latencies in random order with a mid-range percentile, so samples land on both
# sides of the boundary and a sorted list must shift about half of itself per sample.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], 50),
            ([42], 1),
            ([42], 100),
            ([7, 7, 7, 7, 7], 30),
            ([9, 8, 7, 6, 5, 4, 3, 2, 1], 25),
            ([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], 99),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        n = rng.randint(size, 2 * size)
        return ([rng.randint(0, 6) for _ in range(n)], rng.randint(1, 100))
    p = rng.randint(35, 65)
    samples = [int(rng.lognormvariate(8, 1.2)) for _ in range(size)]
    return (samples, p)
