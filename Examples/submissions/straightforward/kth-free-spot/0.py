def park_cars(n: int, events: list[int]) -> list[int]:
    """Simulate a parking row and return the spot given to each arriving car."""
    # Fenwick tree over the spots: tree counts free spots.
    tree = [0] * (n + 1)

    def update(i, delta):
        while i <= n:
            tree[i] += delta
            i += i & -i

    for spot in range(1, n + 1):
        update(spot, 1)
    free = n

    log = 1
    while log * 2 <= n:
        log *= 2

    def kth(k):
        # Smallest position whose prefix count of free spots reaches k.
        pos = 0
        step = log
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] < k:
                pos = nxt
                k -= tree[nxt]
            step //= 2
        return pos + 1

    result = []
    for event in events:
        if event > 0:
            if event <= free:
                spot = kth(event)
                update(spot, -1)
                free -= 1
                result.append(spot)
            else:
                result.append(-1)
        else:
            update(-event, 1)
            free += 1
    return result
