# Known bad (rejected): removes repeated pairs from the adjacency sets but still counts
# every repeat in the in-degree, so a service with a duplicated dependency never frees up.
def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    adj = [set() for _ in range(n)]
    indeg = [0] * n
    for a, b in deps:
        adj[a].add(b)
        indeg[b] += 1
    wave = [0] * n
    frontier = [v for v in range(n) if indeg[v] == 0]
    w = 1
    while frontier:
        nxt = []
        for u in frontier:
            wave[u] = w
            for v in adj[u]:
                indeg[v] -= 1
                if indeg[v] == 0:
                    nxt.append(v)
        frontier = nxt
        w += 1
    return wave
