# Known bad (slower): correct, but every wave rescans the whole edge list to see which
# services still wait on an undeployed dependency: O(edges * waves).
def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    wave = [0] * n
    w = 0
    while True:
        blocked = [False] * n
        for a, b in deps:
            if wave[a] == 0:
                blocked[b] = True
        ready = [v for v in range(n) if wave[v] == 0 and not blocked[v]]
        if not ready:
            break
        w += 1
        for v in ready:
            wave[v] = w
    return wave
