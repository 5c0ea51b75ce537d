# DPE level: bottom-up over subsets, O(n^2 2^n), but each discount is summed in C
# over the list of installed packages.
def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    n = len(base)
    full = (1 << n) - 1
    inf = float("inf")
    best = [inf] * (full + 1)
    best[0] = 0
    columns = [[discount[j][i] for j in range(n)] for i in range(n)]
    for mask in range(full):
        members = [j for j in range(n) if mask >> j & 1]
        here = best[mask]
        for i in range(n):
            if mask >> i & 1:
                continue
            cost = base[i] - sum(map(columns[i].__getitem__, members))
            if cost < 0:
                cost = 0
            nxt = mask | (1 << i)
            if here + cost < best[nxt]:
                best[nxt] = here + cost
    return best[full]
