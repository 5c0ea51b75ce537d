# The expert reference: one multi-source Dijkstra seeded with every charger at distance 0.
# Neighbours and travel times sit in two parallel lists per junction (walked with zip, no
# tuple per road); heap entries are single ints (dist * n + junction), which compare and
# allocate faster than tuples; stale entries are skipped before their roads are scanned.
from heapq import heapify, heappop, heappush


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    nbr = [[] for _ in range(n)]
    wt = [[] for _ in range(n)]
    for u, v, t in roads:
        nbr[u].append(v)
        wt[u].append(t)
        nbr[v].append(u)
        wt[v].append(t)
    INF = float("inf")
    dist = [INF] * n
    heap = list(set(chargers))
    for c in heap:
        dist[c] = 0
    heapify(heap)
    done = [False] * n
    while heap:
        d, u = divmod(heappop(heap), n)
        if done[u]:
            continue
        done[u] = True
        for v, t in zip(nbr[u], wt[u]):
            nd = d + t
            if nd < dist[v]:
                dist[v] = nd
                heappush(heap, nd * n + v)
    return [-1 if d == INF else d for d in dist]
