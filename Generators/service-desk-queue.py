# Stress inputs for Problems/service-desk-queue.
#
# Level 0: hand-written edge cases (no customer, one customer, a clerk finishing exactly
# when a more urgent customer arrives, the longest-idle rule against the lowest number,
# priority ties, more clerks than customers) plus small random cases.
# Stress levels: coach parties of 75 to 225 customers arrive together at a desk with
# about 40 clerks running at ~90% load, so a long queue forms after every coach: scanning
# the queue or the clerks costs far more than a heap.


def _coaches(rng, n, clerks, party, mean_service=1000, load=0.9):
    gap = party * mean_service / (clerks * load)
    arrival = []
    now = 0
    while len(arrival) < n:
        now += int(rng.uniform(0.5, 1.5) * gap)
        size = rng.randint(party // 2, 3 * party // 2)
        arrival.extend([now] * min(size, n - len(arrival)))
    duration = [rng.randint(1, 2 * mean_service) for _ in range(n)]
    priority = [rng.randint(0, 3) for _ in range(n)]
    return (arrival, duration, priority, clerks)


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            ([], [], [], 3),
            ([4], [2], [7], 1),
            # clerk 0 frees at 3 exactly when the urgent customer 2 arrives
            ([0, 1, 3], [3, 5, 1], [0, 5, 0], 1),
            # clerk 1 has been idle since 0, clerk 0 since 2
            ([0, 5, 5], [2, 1, 1], [0, 0, 0], 2),
            ([0, 0, 0, 0, 0], [2, 2, 2, 2, 2], [1, 1, 0, 1, 0], 2),
            ([2, 2], [9, 1], [3, 3], 5),
        ]
        if case < len(edge_cases):
            return edge_cases[case]
        n = size + rng.randint(0, size)
        clerks = rng.randint(1, 3)
        arrival = []
        now = 0
        for _ in range(n):
            now += rng.randint(0, 2)
            arrival.append(now)
        duration = [rng.randint(1, 5) for _ in range(n)]
        priority = [rng.randint(0, 2) for _ in range(n)]
        return (arrival, duration, priority, clerks)
    return _coaches(rng, size, rng.randint(36, 44), 150)
