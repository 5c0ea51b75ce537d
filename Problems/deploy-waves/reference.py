# The expert reference: Kahn's algorithm processed one whole wave (frontier) at a time.
# Adjacency lists are plain Python lists, in-degrees a flat list, and the per-edge work
# is a single decrement and test; no deque, no per-edge max.
def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    indeg = [0] * n
    for a, b in deps:
        adj[a].append(b)
        indeg[b] += 1
    wave = [0] * n
    frontier = [v for v in range(n) if not indeg[v]]
    w = 1
    while frontier:
        nxt = []
        push = nxt.append
        for u in frontier:
            wave[u] = w
            for v in adj[u]:
                d = indeg[v] - 1
                indeg[v] = d
                if not d:
                    push(v)
        frontier = nxt
        w += 1
    return wave
