# Stress inputs for busy-time-at-least-k: (sessions, k).
# Level 0 covers the edge cases: no sessions, an empty session, touching sessions,
# nested duplicates, k larger than the number of sessions, negative times. Stress levels
# draw n sessions over a wide span, lengths chosen so that about 1.1 k sessions overlap on
# average (so the answer is neither 0 nor everything), with some empty and duplicated ones.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], 1),
            ([(5, 5)], 1),
            ([(1, 3), (3, 6)], 2),
            ([(1, 3), (3, 6), (6, 6)], 1),
            ([(0, 10), (2, 4), (2, 4), (3, 8)], 3),
            ([(0, 5), (1, 6)], 3),
            ([(-10, -2), (-5, 5), (-3, -3), (-2, 0)], 2),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        sessions = []
        for _ in range(size):
            start = rng.randint(-20, 20)
            sessions.append((start, start + rng.randint(0, 10)))
        return (sessions, rng.randint(1, 4))
    n = size
    k = rng.randint(2, 40)
    span = 10**9
    mean_length = max(1, int(1.1 * k * span / n))
    sessions = []
    for _ in range(n):
        start = rng.randint(-span // 2, span // 2)
        roll = rng.random()
        if roll < 0.03:
            length = 0
        elif roll < 0.06 and sessions:
            sessions.append(sessions[rng.randrange(len(sessions))])
            continue
        else:
            length = rng.randint(1, 2 * mean_length)
        sessions.append((start, start + length))
    return (sessions, k)
