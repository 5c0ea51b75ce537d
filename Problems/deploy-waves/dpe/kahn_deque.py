# A DPE level: Kahn's algorithm with a deque and a dict of adjacency lists, carrying each
# service's wave forward along every edge with max(); linear, but more work per edge.
from collections import defaultdict, deque


def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    adj = defaultdict(list)
    indeg = {v: 0 for v in range(n)}
    for a, b in deps:
        adj[a].append(b)
        indeg[b] += 1
    wave = [0] * n
    queue = deque()
    for v in range(n):
        if indeg[v] == 0:
            wave[v] = 1
            queue.append(v)
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            wave[v] = max(wave[v], wave[u] + 1)
            indeg[v] -= 1
            if indeg[v] == 0:
                queue.append(v)
    return [wave[v] if indeg[v] == 0 else 0 for v in range(n)]
