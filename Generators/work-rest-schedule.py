# Stress inputs for Problems/work-rest-schedule.
#
# Level 0: hand-written edge cases (empty, one day, max_streak 0, max_streak >= n,
# negative profits, a case where one extra working day in a row would pay) plus small
# random cases. Stress levels: long plans with a streak limit around 100, so that
# O(n * max_streak) solutions pay for the window while the deque stays O(n).


def _random_case(rng, n, k, low=-30, high=100, rest_high=40):
    profit = [rng.randint(low, high) for _ in range(n)]
    rest = [rng.randint(0, rest_high) for _ in range(n)]
    return (profit, rest, k)


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], [], 3),
            ([5], [2], 0),
            ([5], [2], 1),
            ([-4, -1, -7], [0, 3, 2], 2),
            ([9, 9, 9, 9, 9], [1, 1, 1, 1, 1], 2),
            ([3, 3, 3, 3], [0, 0, 0, 0], 10),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        n = rng.randint(size, 2 * size)
        return _random_case(rng, n, rng.randint(1, 4), low=-5, high=12, rest_high=6)
    k = rng.randint(95, 105)
    if case % 2 == 1:
        # Mostly profitable days with cheap rests: many rest decisions sit at the window
        # edge, and the deque holds many candidates.
        return _random_case(rng, size, k, low=0, high=60, rest_high=5)
    return _random_case(rng, size, k)
