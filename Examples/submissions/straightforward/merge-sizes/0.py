def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    """Report the size of the group formed by each link, in order."""
    parent = list(range(n))
    size = [1] * n

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    result = []
    for a, b in links:
        ra = find(a)
        rb = find(b)
        if ra == rb:
            result.append(0)
            continue
        if size[ra] < size[rb]:
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        result.append(size[ra])
    return result
