# Known bad (rejected): stores roads in a dict keyed by neighbour, so when two roads join
# the same junctions the later one overwrites the earlier even if it is slower.
import heapq


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    adj = [{} for _ in range(n)]
    for u, v, t in roads:
        adj[u][v] = t
        adj[v][u] = t
    dist = [-1] * n
    heap = [(0, c) for c in set(chargers)]
    heapq.heapify(heap)
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] != -1:
            continue
        dist[u] = d
        for v, t in adj[u].items():
            if dist[v] == -1:
                heapq.heappush(heap, (d + t, v))
    return dist
