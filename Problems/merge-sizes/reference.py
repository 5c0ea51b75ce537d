# The expert reference: a disjoint-set forest with union by size and path halving, with
# both finds inlined into the loop (no function calls per link). Each find stops as soon
# as it reaches a child of the root, so a member already pointing at its root costs two
# list reads.
def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))
    size = [1] * n
    out = []
    push = out.append
    for a, b in links:
        p = parent[a]
        while p != a:
            g = parent[p]
            if g == p:
                a = p
                break
            parent[a] = g
            a = g
            p = parent[a]
        p = parent[b]
        while p != b:
            g = parent[p]
            if g == p:
                b = p
                break
            parent[b] = g
            b = g
            p = parent[b]
        if a == b:
            push(0)
            continue
        sa = size[a]
        sb = size[b]
        if sa < sb:
            parent[a] = b
            size[b] = s = sa + sb
        else:
            parent[b] = a
            size[a] = s = sa + sb
        push(s)
    return out
