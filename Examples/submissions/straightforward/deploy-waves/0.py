from collections import deque


def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    """Return the deployment wave of each of the services 0..n-1."""
    dependents = [[] for _ in range(n)]
    remaining = [0] * n
    for a, b in deps:
        dependents[a].append(b)
        remaining[b] += 1

    wave = [0] * n
    queue = deque()
    for service in range(n):
        if remaining[service] == 0:
            wave[service] = 1
            queue.append(service)

    while queue:
        service = queue.popleft()
        for other in dependents[service]:
            remaining[other] -= 1
            if remaining[other] == 0:
                wave[other] = wave[service] + 1
                queue.append(other)
    return wave
