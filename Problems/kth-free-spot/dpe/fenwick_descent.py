# A DPE level: the textbook Fenwick tree over single spots (1 = free): an arrival finds the
# k-th free spot by binary lifting in O(log n), then a separate point update marks it
# taken; a departure is a point update. Right asymptotically, but about log2(n) Python
# steps for the descent plus more for the update.
def park_cars(n: int, events: list[int]) -> list[int]:
    tree = [0] * (n + 1)
    for i in range(1, n + 1):
        tree[i] += 1
        j = i + (i & -i)
        if j <= n:
            tree[j] += tree[i]
    log = 1 << (n.bit_length() - 1) if n else 0
    free = n
    result = []
    for e in events:
        if e > 0:
            if e > free:
                result.append(-1)
                continue
            pos, step = 0, log
            while step:
                if pos + step <= n and tree[pos + step] < e:
                    pos += step
                    e -= tree[pos]
                step >>= 1
            spot = pos + 1
            result.append(spot)
            free -= 1
            i = spot
            while i <= n:
                tree[i] -= 1
                i += i & -i
        else:
            free += 1
            i = -e
            while i <= n:
                tree[i] += 1
                i += i & -i
    return result
