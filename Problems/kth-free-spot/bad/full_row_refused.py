# Known bad (rejected): turns a car away when exactly k spots are free (an off-by-one in
# the availability check), even though the last free spot is the one it asked for.
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
            if e >= free:
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
