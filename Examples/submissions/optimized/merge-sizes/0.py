def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    """Report the size of the group formed by each link, in order.

    Disjoint-set forest with path halving; a root r stores -size in parent[r].
    """
    parent = [-1] * n
    out = []
    append = out.append
    for a, b in links:
        pa = parent[a]
        while pa >= 0:
            g = parent[pa]
            if g < 0:
                a = pa
                break
            parent[a] = g
            a = g
            pa = parent[g]
        pb = parent[b]
        while pb >= 0:
            g = parent[pb]
            if g < 0:
                b = pb
                break
            parent[b] = g
            b = g
            pb = parent[g]
        if a == b:
            append(0)
            continue
        sa = parent[a]
        sb = parent[b]
        if sa <= sb:  # a's group is at least as large
            parent[b] = a
            parent[a] = sa + sb
        else:
            parent[a] = b
            parent[b] = sa + sb
        append(-(sa + sb))
    return out
