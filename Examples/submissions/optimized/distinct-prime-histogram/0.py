from math import isqrt

_INC = bytes(range(1, 256)) + b"\x00"


def _direct(n):
    count = [0] * (n + 1)
    for p in range(2, n + 1):
        if not count[p]:
            for m in range(p, n + 1, p):
                count[m] += 1
    hist = [0] * (max(count[1:]) + 1)
    for m in range(1, n + 1):
        hist[count[m]] += 1
    return hist


def distinct_prime_histogram(n: int) -> list[int]:
    """Tally the integers 1..n by how many distinct primes divide them.

    Let s = isqrt(n). A byte array over the odd numbers counts their distinct odd prime
    factors up to s (C-level increments along each prime's multiples, via translate).
    Every m = 2^a * o adds one factor for a >= 1, so the histogram over 1..n sums the
    counts of each value on the nested prefixes o <= n >> a (bytearray.count).
    Every m <= n has at most one prime factor q > s; those m = q * c (c <= s) were
    counted with omega(c) factors instead of omega(c) + 1. For a fixed c there are
    pi(n // c) - pi(s) of them, and the primes in (s, x] are the odd numbers there whose
    count is still 0.
    """
    if n < 1:
        return []
    if n < 1000:
        return _direct(n)
    s = isqrt(n)

    # odd primes up to s
    small = bytearray([1]) * (s + 1)
    small[0:2] = b"\x00\x00"
    for i in range(2, isqrt(s) + 1):
        if small[i]:
            small[i * i :: i] = bytes(len(range(i * i, s + 1, i)))

    # odd[i] counts the distinct odd primes <= s dividing 2 * i + 1
    size = (n + 1) // 2
    odd = bytearray(size)
    inc = _INC
    for p in range(3, s + 1, 2):
        if small[p]:
            odd[(p - 1) // 2 :: p] = odd[(p - 1) // 2 :: p].translate(inc)

    # m = 2^a * o (o odd): o runs over the odd numbers <= n >> a, with one factor more
    # when a >= 1. Count each value on the nested prefixes of the odd array.
    count = odd.count
    bounds = []
    x = n
    while x:
        bounds.append((x + 1) // 2)
        x >>= 1
    bounds.append(0)
    levels = range(len(bounds) - 2, -1, -1)
    hist = [0, 0]
    zeros = list(bounds[:-1])  # count of 0 among odd[:bounds[a]], by subtraction
    j = 1
    while True:
        below = 0  # count of j among odd[:bounds[a]], built from the smallest prefix up
        found = False
        hist.append(0)
        for a in levels:
            below += count(j, bounds[a + 1], bounds[a])
            if below:
                found = True
                hist[j + (a > 0)] += below
                zeros[a] -= below
        if not found:
            break
        j += 1
    for a in levels:
        hist[a > 0] += zeros[a]

    # numbers with a prime factor q > s: m = q * c with c <= s, counted above with
    # omega(c) factors instead of omega(c) + 1
    first = (s + 1) // 2  # odd index of the first odd number > s
    upper = first  # primes counted so far: odd indices in [first, upper)
    primes_above = 0
    for c in range(s, 0, -1):
        end = (n // c + 1) // 2
        if end > upper:
            primes_above += count(0, upper, end)
            upper = end
        if primes_above:
            o = c
            extra = 0
            if not o & 1:
                extra = 1
                while not o & 1:
                    o >>= 1
            j = odd[o >> 1] + extra
            hist[j] -= primes_above
            hist[j + 1] += primes_above
    while hist[-1] == 0:
        hist.pop()
    return hist
