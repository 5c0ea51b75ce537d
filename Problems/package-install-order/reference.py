# Expert: DP over subsets of installed packages, O(n 2^n). For each package the discount
# it gets from every subset is tabulated first by doubling a list (C-speed comprehension),
# so a transition is one addition and one comparison.
def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    n = len(base)
    if n == 0:
        return 0
    full = (1 << n) - 1
    moves = []
    for i in range(n):
        saved = [0]
        for j in range(n):
            d = discount[j][i] if j != i else 0
            saved += [s + d for s in saved] if d else saved
        b = base[i]
        moves.append((1 << i, [b - s if s < b else 0 for s in saved]))
    inf = float("inf")
    best = [inf] * (full + 1)
    best[0] = 0
    for mask in range(full):
        here = best[mask]
        for bit, cost in moves:
            if not mask & bit:
                total = here + cost[mask]
                if total < best[mask | bit]:
                    best[mask | bit] = total
    return best[full]
