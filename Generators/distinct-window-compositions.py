# Stress inputs for distinct-window-compositions: long DNA strings with windows of a few
# dozen letters, uniform or skewed letter frequencies.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ("", 1),
            ("ACG", 5),
            ("ACGT", 4),
            ("AACT", 2),
            ("AGCC", 2),
            ("TTTTTTTT", 3),
            ("GATTACA", 1),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        dna = "".join(rng.choice("ACGT") for _ in range(3000))
        return (dna, 1200)
    k = rng.randint(22, 26)
    weights = ([1, 1, 1, 1], [3, 1, 1, 3], [1, 2, 4, 1], [2, 3, 3, 2])[case % 4]
    dna = "".join(rng.choices("ACGT", weights=weights, k=size))
    return (dna, k)
