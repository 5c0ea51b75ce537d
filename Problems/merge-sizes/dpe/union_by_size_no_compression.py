# A DPE level: a disjoint-set forest with union by size but no path compression, so every
# find walks the whole path to the root (O(log n) per find).
def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))
    size = [1] * n

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

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
