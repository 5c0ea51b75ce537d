# Known bad (rejected): reports the right size for the link itself, but stores the merged
# size on the root that was attached below the other, so later links see stale sizes.
def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))
    size = [1] * n

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
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
        size[rb] += size[ra]
        result.append(size[rb])
    return result
