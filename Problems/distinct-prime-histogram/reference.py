# The expert reference. Everything heavy runs in C on bytearrays:
# - only odd numbers are stored (index i <-> 2i+1); an even number 2^a * m with m odd has
#   omega(m) + 1 distinct primes, so the histogram of the evens comes from prefixes of the
#   odd table;
# - a slice-assignment sieve finds the odd primes;
# - each small prime p adds 1 to its odd multiples with one bytes.translate over a stride;
# - large primes (above n // 32) are handled by multiplier instead of by prime: for an odd m,
#   the numbers m*p for every prime p in a range sit on one stride of the table, and the
#   0/1 prime flags are added to it at once as big integers (no byte ever carries, since
#   no count exceeds 15);
# - the histogram is a handful of bytes.count calls over disjoint segments.
from math import isqrt

_INC = bytes(range(1, 256)) + b"\xff"


def distinct_prime_histogram(n: int) -> list[int]:
    if n < 1:
        return []
    size = (n + 1) // 2  # index i <-> odd number 2i + 1 <= n
    is_p = bytearray([1]) * size
    is_p[0] = 0
    for i in range(1, (isqrt(n) - 1) // 2 + 1):
        if is_p[i]:
            p = 2 * i + 1
            start = p * p // 2
            is_p[start::p] = bytes(len(range(start, size, p)))

    omega = bytearray(size)
    split = n // 32
    find = is_p.find
    i = find(1)
    while i >= 0 and 2 * i + 1 <= split:
        step = 2 * i + 1
        omega[i::step] = omega[i::step].translate(_INC)
        i = find(1, i + 1)
    if i >= 0:
        from_bytes = int.from_bytes
        low = (split + 1) // 2  # first index whose odd number exceeds split
        m = 1
        while m * (2 * low + 1) <= n:
            high = (n // m - 1) // 2  # largest index with m * (2i + 1) <= n
            offset = (m - 1) // 2
            stride = slice(m * low + offset, m * high + offset + 1, m)
            total = from_bytes(omega[stride], "little") + from_bytes(is_p[low:high + 1], "little")
            omega[stride] = total.to_bytes(high - low + 1, "little")
            m += 2

    # bounds[a] = how many odd numbers are <= n >> a; the numbers 2^a * m (m odd) use the
    # prefix omega[:bounds[a]], shifted by one distinct prime (the 2) when a > 0.
    bounds = []
    a = 0
    while n >> a:
        bounds.append(((n >> a) + 1) // 2)
        a += 1
    bounds.append(0)
    hist = [0] * 17
    prefix = [0] * 16
    for a in range(len(bounds) - 2, -1, -1):
        segment = omega[bounds[a + 1]:bounds[a]]
        left = len(segment)
        j = 0
        while left:
            c = segment.count(j)
            prefix[j] += c
            left -= c
            j += 1
        shift = 1 if a else 0
        for j in range(16):
            hist[j + shift] += prefix[j]
    while hist and hist[-1] == 0:
        hist.pop()
    return hist
