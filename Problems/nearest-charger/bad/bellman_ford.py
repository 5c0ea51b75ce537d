# Known bad (slower): correct, but relaxes every road in passes until nothing changes
# (Bellman-Ford): O(roads * passes).
def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    INF = float("inf")
    dist = [INF] * n
    for c in chargers:
        dist[c] = 0
    changed = True
    while changed:
        changed = False
        for u, v, t in roads:
            if dist[u] + t < dist[v]:
                dist[v] = dist[u] + t
                changed = True
            if dist[v] + t < dist[u]:
                dist[u] = dist[v] + t
                changed = True
    return [d if d != INF else -1 for d in dist]
