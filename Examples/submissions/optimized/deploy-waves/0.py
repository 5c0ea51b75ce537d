from itertools import compress
from operator import not_


def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    """Return the deployment wave of each of the services 0..n-1.

    Kahn's algorithm, one frontier per wave: a service joins the next frontier when the
    last of its dependency edges is released. Services in or behind a cycle are never
    released and keep wave 0.
    """
    dependents = [[] for _ in range(n)]
    needed = [0] * n
    for a, b in deps:
        dependents[a].append(b)
        needed[b] += 1
    frontier = list(compress(range(n), map(not_, needed)))
    wave = [0] * n
    w = 1
    while frontier:
        nxt = []
        push = nxt.append
        for u in frontier:
            wave[u] = w
            for v in dependents[u]:
                left = needed[v] - 1
                needed[v] = left
                if not left:
                    push(v)
        frontier = nxt
        w += 1
    return wave
