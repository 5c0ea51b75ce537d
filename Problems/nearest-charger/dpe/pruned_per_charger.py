# A DPE level: a Dijkstra from each distinct charger in turn, sharing one table of best
# times so that a search only spreads where it improves on the chargers already done;
# each junction may still be settled several times.
import heapq


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    adj = [[] for _ in range(n)]
    for u, v, t in roads:
        adj[u].append((v, t))
        adj[v].append((u, t))
    best = [float("inf")] * n
    for source in sorted(set(chargers)):
        best[source] = 0
        heap = [(0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > best[u]:
                continue
            for v, t in adj[u]:
                nd = d + t
                if nd < best[v]:
                    best[v] = nd
                    heapq.heappush(heap, (nd, v))
    return [-1 if d == float("inf") else d for d in best]
