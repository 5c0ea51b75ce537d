# Stress inputs for distinct-prime-histogram: one integer n per call.
# Level 0 covers the edge cases: nothing to count, 1 alone, the first primes, and the
# first n that has three, four and five distinct primes (30, 210, 2310) and their
# neighbours. Stress levels pick n just below the level's size.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [0, 1, 2, 6, 30, 209, 2310, 4999]
        if case < len(edge_cases):
            return (edge_cases[case],)
        return (rng.randint(0, size),)
    return (size - rng.randrange(size // 20),)
