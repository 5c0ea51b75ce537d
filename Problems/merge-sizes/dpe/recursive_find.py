# A DPE level: union by size with full path compression through a recursive find (the
# recursion is at most about log2(n) deep thanks to union by size); right asymptotically,
# but every find is at least one Python call and every step of a path another.
def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))
    size = [1] * n

    def find(x):
        if parent[x] != x:
            parent[x] = find(parent[x])
        return parent[x]

    result = []
    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb:
            result.append(0)
            continue
        if size[ra] < size[rb]:
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        result.append(size[ra])
    return result
