# A DPE level: a full Dijkstra from every distinct charger, keeping the minimum per
# junction; correct, but the work grows with the number of chargers.
import heapq


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    adj = [[] for _ in range(n)]
    for u, v, t in roads:
        adj[u].append((v, t))
        adj[v].append((u, t))
    best = [-1] * n
    for source in sorted(set(chargers)):
        dist = [None] * n
        dist[source] = 0
        heap = [(0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            for v, t in adj[u]:
                nd = d + t
                if dist[v] is None or nd < dist[v]:
                    dist[v] = nd
                    heapq.heappush(heap, (nd, v))
        for i in range(n):
            if dist[i] is not None and (best[i] < 0 or dist[i] < best[i]):
                best[i] = dist[i]
    return best
