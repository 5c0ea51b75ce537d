# Stress inputs for kth-free-spot: (n, events).
#
# Stress runs use a long row (n spots) and about n / 4 events. Arrivals and departures
# alternate at random so that at most about a third of the row is taken. Arrivals mostly
# ask for a spot near the entrance (k small relative to the free count), which makes a
# sorted free list shift almost all of itself; a few ask for exactly as many spots as are
# free, or for more and are turned away. Departures pick a random occupied spot.
from bisect import insort


def _build(n, m, rng):
    free = list(range(1, n + 1))
    taken = []
    events = []
    target = max(1, n // 3)
    for _ in range(m):
        if taken and (len(taken) > target or rng.random() < 0.3):
            i = rng.randrange(len(taken))
            s = taken[i]
            taken[i] = taken[-1]
            taken.pop()
            insort(free, s)
            events.append(-s)
            continue
        f = len(free)
        r = rng.random()
        if r < 0.02:
            k = f + rng.randint(1, 3)
        elif r < 0.05 and f:
            k = f
        else:
            k = 1 + int(f * rng.random() ** 3)
        events.append(k)
        if k <= f:
            taken.append(free.pop(k - 1))
    return events


def generate(size, level, case, rng):
    if level == 0:
        fixed = [
            (3, []),
            (1, [1, 1, -1, 1]),
            (5, [2, 2, 1, -3, 3, 9]),
            (4, [4, 3, 3, 1, 1, -2, 1, 2]),
            (6, [1, 1, 1, -1, -3, 5, 4, 1, 1]),
            (0, [1, 2]),
        ]
        if case < len(fixed):
            return fixed[case]
        return (size, _build(size, 4 * size, rng))
    return (size, _build(size, size // 4, rng))
