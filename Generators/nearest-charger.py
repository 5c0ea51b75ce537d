# Stress inputs for nearest-charger: (n, roads, chargers).
#
# Stress cities are street grids: roads join grid neighbours (a few missing), plus short
# diagonal shortcuts, some parallel roads and a few roads of length 0; travel times go up
# to 10**6. A small separate district has no charger (answers -1). A handful of chargers
# make one search per charger cost several times one multi-source search, and the grid's
# long shortest-path trees make repeated relaxation passes (Bellman-Ford) expensive.
# Junction labels and road order are shuffled.


def _city(n, rng):
    district = max(1, n // 40)
    main = n - district
    width = max(1, int(main ** 0.5))
    roads = []

    def time():
        return 0 if rng.random() < 0.01 else rng.randint(1, 10**6)

    for v in range(main):
        r, c = divmod(v, width)
        if c + 1 < width and v + 1 < main and rng.random() < 0.93:
            roads.append((v, v + 1, time()))
        if v + width < main and rng.random() < 0.93:
            roads.append((v, v + width, time()))
        if c + 1 < width and v + width + 1 < main and rng.random() < 0.3:
            roads.append((v, v + width + 1, time()))
    for v in range(1, width):
        roads.append((v - 1, v, time()))
    for r in range(1, (main - 1) // width + 1):
        roads.append((r * width - width, min(main - 1, r * width), time()))
    for v in range(main + 1, n):
        roads.append((rng.randrange(main, v), v, time()))
    for _ in range(district):
        roads.append((rng.randrange(main, n), rng.randrange(main, n), time()))
    roads += [(u, v, t + rng.randint(0, 10)) for u, v, t in rng.sample(roads, n // 50)]
    perm = list(range(n))
    rng.shuffle(perm)
    roads = [(perm[u], perm[v], t) if rng.random() < 0.5 else (perm[v], perm[u], t)
             for u, v, t in roads]
    rng.shuffle(roads)
    chargers = [perm[rng.randrange(main)] for _ in range(8)]
    return roads, chargers


def generate(size, level, case, rng):
    if level == 0:
        fixed = [
            (0, [], []),
            (1, [], [0]),
            (1, [(0, 0, 5)], []),
            (3, [(0, 1, 2), (1, 0, 5), (1, 2, 0)], [2]),
            (5, [(0, 1, 4), (1, 2, 1), (0, 2, 7), (2, 3, 2)], [0, 3]),
            (6, [(0, 0, 3), (0, 1, 0), (1, 2, 0), (2, 3, 9), (3, 3, 0), (4, 5, 1)], [1, 1, 3]),
        ]
        if case < len(fixed):
            return fixed[case]
        n = size
        roads = [(rng.randrange(n), rng.randrange(n), rng.randint(0, 9)) for _ in range(2 * n)]
        roads += [(v, u, t + 3) for u, v, t in roads[:4]]
        rng.shuffle(roads)
        return (n, roads, [rng.randrange(n) for _ in range(case - 5)])
    n = size
    roads, chargers = _city(n, rng)
    return (n, roads, chargers)
