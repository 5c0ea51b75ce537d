def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    """Return the cheapest total cost of installing every package, in the best order."""
    n = len(base)
    if n == 0:
        return 0
    full = 1 << n
    # reduction[mask][i]: total discount package i gets from the packages in mask.
    reduction = [None] * full
    reduction[0] = [0] * n
    for mask in range(1, full):
        low = (mask & -mask).bit_length() - 1
        prev = reduction[mask & (mask - 1)]
        row = discount[low]
        reduction[mask] = [prev[i] + row[i] for i in range(n)]

    INF = float("inf")
    best = [INF] * full
    best[0] = 0
    for mask in range(full):
        cost_so_far = best[mask]
        red = reduction[mask]
        for i in range(n):
            if mask & (1 << i):
                continue
            cost = max(0, base[i] - red[i])
            nxt = mask | (1 << i)
            if cost_so_far + cost < best[nxt]:
                best[nxt] = cost_so_far + cost
    return best[full - 1]
