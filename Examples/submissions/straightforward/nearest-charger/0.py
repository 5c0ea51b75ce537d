import heapq


def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    """Return, for every junction, the driving time to the closest charging station."""
    graph = [[] for _ in range(n)]
    for u, v, t in roads:
        graph[u].append((v, t))
        graph[v].append((u, t))

    dist = [None] * n
    heap = [(0, c) for c in set(chargers)]
    heapq.heapify(heap)
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] is not None:
            continue
        dist[u] = d
        for v, t in graph[u]:
            if dist[v] is None:
                heapq.heappush(heap, (d + t, v))
    return [-1 if d is None else d for d in dist]
