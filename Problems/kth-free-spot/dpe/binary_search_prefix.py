# A DPE level: a Fenwick tree of free spots, but the k-th free spot is found by binary
# searching on the spot number and computing a prefix sum at every probe: O(log^2 n).
def park_cars(n: int, events: list[int]) -> list[int]:
    tree = [0] * (n + 1)

    def add(i, delta):
        while i <= n:
            tree[i] += delta
            i += i & -i

    def prefix(i):
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    for spot in range(1, n + 1):
        add(spot, 1)
    free = n
    result = []
    for e in events:
        if e > 0:
            if e > free:
                result.append(-1)
                continue
            lo, hi = 1, n
            while lo < hi:
                mid = (lo + hi) // 2
                if prefix(mid) >= e:
                    hi = mid
                else:
                    lo = mid + 1
            add(lo, -1)
            free -= 1
            result.append(lo)
        else:
            add(-e, 1)
            free += 1
    return result
