# A DPE level: simulates the waves literally, rescanning every not-yet-deployed service
# each wave to find those whose in-degree dropped to zero: O(n * waves + edges).
def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    indeg = [0] * n
    for a, b in deps:
        adj[a].append(b)
        indeg[b] += 1
    wave = [0] * n
    remaining = list(range(n))
    w = 0
    while True:
        ready = [v for v in remaining if indeg[v] == 0]
        if not ready:
            break
        w += 1
        remaining = [v for v in remaining if indeg[v] != 0]
        for u in ready:
            wave[u] = w
        for u in ready:
            for v in adj[u]:
                indeg[v] -= 1
    return wave
