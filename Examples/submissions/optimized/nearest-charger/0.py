from heapq import heappop, heappush


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    """Return, for every junction, the driving time to the closest charging station.

    Multi-source Dijkstra over plain ints: a distance d at junction v is the key d * n + v,
    so heap entries compare as ints, and an edge to v of time t is stored as t * n + v, so
    that relaxing it from the key of u is (key - u) + (t * n + v).
    """
    if not chargers:
        return [-1] * n
    adj = [[] for _ in range(n)]
    for u, v, t in roads:
        tn = t * n
        adj[u].append(tn + v)
        adj[v].append(tn + u)
    inf = 1 << 200
    best = [inf] * n
    heap = sorted(set(chargers))
    for c in heap:
        best[c] = c
    while heap:
        key = heappop(heap)
        u = key % n
        if key != best[u]:
            continue
        base = key - u
        for w in adj[u]:
            nk = base + w
            v = w % n
            if nk < best[v]:
                best[v] = nk
                heappush(heap, nk)
    return [-1 if b == inf else b // n for b in best]
