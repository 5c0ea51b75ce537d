from bisect import insort


def park_cars(n: int, events: list[int]) -> list[int]:
    """Simulate a parking row and return the spot given to each arriving car.

    The free spots live in fixed buckets of consecutive spot numbers, each a sorted list
    (C-level pop and insort); a Fenwick tree over the bucket sizes, padded to a power of
    two, finds the bucket that holds the k-th free spot by binary lifting.
    """
    size = 2048
    buckets = [list(range(lo, min(lo + size, n + 1))) for lo in range(1, n + 1, size)]
    count = len(buckets)
    top = 1
    while top < count:
        top *= 2
    tree = [0] * (top + 1)
    for i in range(1, top + 1):
        if i <= count:
            tree[i] += len(buckets[i - 1])
        j = i + (i & -i)
        if j <= top:
            tree[j] += tree[i]
    steps = []
    step = top
    while step:
        steps.append(step)
        step >>= 1
    free = n
    out = []
    append = out.append
    for k in events:
        if k > 0:
            if k > free:
                append(-1)
                continue
            pos = 0
            for step in steps:
                t = tree[pos + step]
                if t < k:
                    pos += step
                    k -= t
            append(buckets[pos].pop(k - 1))
            free -= 1
            pos += 1
            while pos <= top:
                tree[pos] -= 1
                pos += pos & -pos
        else:
            spot = -k
            b = (spot - 1) // size
            insort(buckets[b], spot)
            free += 1
            b += 1
            while b <= top:
                tree[b] += 1
                b += b & -b
    return out
