# Stress inputs for deploy-waves: (n, deps).
#
# Stress graphs are layered DAGs: every service in layer l > 0 depends on some service in
# layer l - 1 (so its wave is exactly l + 1), plus random extra dependencies from lower to
# higher layers, a few repeated pairs, and a few cycles and self-loops near the top that
# block some services. Labels are shuffled so layer order is not visible. Many waves make
# per-wave rescans expensive.


def _layered(n, layers, extra, rng):
    layer = [0] * n
    members = [[] for _ in range(layers)]
    order = list(range(n))
    rng.shuffle(order)
    for i, v in enumerate(order):
        lay = i % layers if i < layers else rng.randrange(layers)
        layer[v] = lay
        members[lay].append(v)
    deps = []
    for lay in range(1, layers):
        below = members[lay - 1]
        for v in members[lay]:
            deps.append((rng.choice(below), v))
    for _ in range(extra):
        lo = rng.randrange(layers - 1)
        hi = rng.randrange(lo + 1, layers)
        deps.append((rng.choice(members[lo]), rng.choice(members[hi])))
    return deps, members


def generate(size, level, case, rng):
    if level == 0:
        fixed = [
            (0, []),
            (1, []),
            (1, [(0, 0)]),
            (3, [(0, 1), (0, 1), (1, 2)]),
            (5, [(0, 1), (1, 2), (2, 1), (2, 3)]),
            (5, [(0, 1), (1, 2), (0, 2), (3, 3)]),
        ]
        if case < len(fixed):
            return fixed[case]
        n = size
        deps = [(rng.randrange(n), rng.randrange(n)) for _ in range(2 * n)]
        if case == 6:
            deps = [(min(a, b), max(a, b)) for a, b in deps if a != b]
            deps += deps[:3] + [(n - 1, n - 1)]
        rng.shuffle(deps)
        return (n, deps)
    n = size
    layers = max(4, n // 100)
    deps, members = _layered(n, layers, 2 * n, rng)
    deps += rng.sample(deps, n // 50)
    for _ in range(2):
        v = rng.choice(members[layers - 2 - rng.randrange(3)])
        deps.append((v, v))
    a, b = rng.sample(members[layers - 3], 2)
    deps += [(a, b), (b, a)]
    rng.shuffle(deps)
    return (n, deps)
