def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    """Return the cheapest total cost of installing every package, in the best order.

    Bitmask DP over the set of installed packages. cost[i][mask], the price of package i
    after the packages in mask, is tabulated for all masks by doubling with C-level list
    comprehensions (max(0, x - d) composes). The DP then pushes from each reachable mask,
    over the free packages precomputed per half of the mask bits; and a package that
    already costs nothing is installed at once (it cannot hurt: its cost stays 0 and the
    others only gain discounts), which leaves most masks unreachable.
    """
    n = len(base)
    if n == 0:
        return 0
    full = 1 << n
    cost = []
    for i in range(n):
        row = [base[i]]
        for j in range(n):
            d = discount[j][i]
            row += [x - d if x > d else 0 for x in row] if d else row
        cost.append(row)

    low_bits = n // 2
    low_size = 1 << low_bits
    low_free = [
        [(1 << i, cost[i]) for i in range(low_bits) if not lo >> i & 1] for lo in range(low_size)
    ]
    high_free = [
        [(1 << i, cost[i]) for i in range(low_bits, n) if not hi >> (i - low_bits) & 1]
        for hi in range(full >> low_bits)
    ]
    inf = 1 << 62
    best = [inf] * full
    best[0] = 0
    mask = -1
    for high in high_free:
        for low in low_free:
            mask += 1
            here = best[mask]
            if here == inf:
                continue
            # a package that costs nothing now may as well be installed now
            for bit, row in low:
                if not row[mask]:
                    target = mask | bit
                    if here < best[target]:
                        best[target] = here
                    break
            else:
                for bit, row in high:
                    if not row[mask]:
                        target = mask | bit
                        if here < best[target]:
                            best[target] = here
                        break
                else:
                    for bit, row in low:
                        value = here + row[mask]
                        if value < best[mask | bit]:
                            best[mask | bit] = value
                    for bit, row in high:
                        value = here + row[mask]
                        if value < best[mask | bit]:
                            best[mask | bit] = value
    return best[-1]
