# Stress inputs for merge-sizes: (n, links).
#
# Stress runs first build a forest of the deepest trees union by size can produce without
# ties: a tree of depth k is a tree of depth k - 1 linked under a copy of it that has one
# extra member (so it is strictly larger). Every tie-free union-by-size forest is then the
# same, and the generator knows each member's depth in it. A few newcomers then join the
# largest group as (newcomer, old member), which is expensive for code that always
# relabels b's group. Most links (about 6n) come last: links inside a group (answer 0),
# mostly between its deepest members, which walk long paths unless finds compress them,
# then a few random links that may merge groups. Member labels are shuffled.


def _forest(core, rng):
    links = []
    counter = [0]

    def new():
        counter[0] += 1
        return counter[0] - 1

    def build(k):
        # Returns (members, depth) for a tree of depth k with 2**(k+1) - 1 members.
        if k == 1:
            x, y, z = new(), new(), new()
            links.append((x, y))
            links.append((z, rng.choice((x, y))))
            return [x, y, z], {x: 0, y: 0, z: 1}
        a_nodes, a_depth = build(k - 1)
        b_nodes, b_depth = build(k - 1)
        s = new()
        links.append((s, rng.choice(b_nodes)))
        b_nodes.append(s)
        b_depth[s] = 1
        deep_a = max(a_nodes, key=a_depth.__getitem__)
        deep_b = max(b_nodes, key=b_depth.__getitem__)
        links.append((deep_a, deep_b) if rng.random() < 0.5 else (deep_b, deep_a))
        for v in a_nodes:
            b_depth[v] = a_depth[v] + 1
        return a_nodes + b_nodes, b_depth

    trees = []
    left = core
    while left >= 3:
        k = (left + 1).bit_length() - 2
        nodes, depth = build(k)
        trees.append((nodes, depth, k))
        left -= len(nodes)
    return links, trees, counter[0]


def generate(size, level, case, rng):
    if level == 0:
        fixed = [
            (0, []),
            (3, []),
            (1, [(0, 0)]),
            (5, [(0, 1), (2, 3), (1, 0), (3, 1), (4, 4), (0, 2)]),
            (4, [(0, 1), (1, 2), (2, 3), (3, 0), (0, 0)]),
            (6, [(0, 1), (2, 3), (4, 5), (1, 3), (5, 2), (1, 4), (5, 0)]),
        ]
        if case < len(fixed):
            return fixed[case]
        n = size
        return (n, [(rng.randrange(n), rng.randrange(n)) for _ in range(2 * n)])
    n = size
    newcomers = max(1, n // 128)
    links, trees, used = _forest(n - newcomers, rng)
    biggest = trees[0][0]
    for v in range(used, n):
        links.append((v, rng.choice(biggest)))
    pools = []
    for nodes, depth, k in trees:
        if k >= 4:
            pools.append(([v for v in nodes if depth[v] >= k - 2], nodes, len(nodes)))
    weights = [w for _, _, w in pools]
    for _ in range(6 * n):
        pool, nodes, _ = rng.choices(pools, weights)[0]
        if rng.random() < 0.7:
            links.append((rng.choice(pool), rng.choice(pool)))
        else:
            links.append((rng.choice(pool), rng.choice(nodes)))
    for _ in range(4):
        links.append((rng.randrange(n), rng.randrange(n)))
    perm = list(range(n))
    rng.shuffle(perm)
    return (n, [(perm[a], perm[b]) for a, b in links])
