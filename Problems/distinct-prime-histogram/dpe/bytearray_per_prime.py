# A DPE level: the counts live in a bytearray and every prime bumps its multiples with one
# bytes.translate over a stride (C speed per element, but one Python step per prime).
from math import isqrt

_INC = bytes(range(1, 256)) + b"\xff"


def distinct_prime_histogram(n: int) -> list[int]:
    if n < 1:
        return []
    is_p = bytearray([1]) * (n + 1)
    is_p[0] = is_p[1] = 0
    for p in range(2, isqrt(n) + 1):
        if is_p[p]:
            is_p[p * p::p] = bytes(len(range(p * p, n + 1, p)))
    omega = bytearray(n + 1)
    find = is_p.find
    p = find(1)
    while p != -1:
        omega[p::p] = omega[p::p].translate(_INC)
        p = find(1, p + 1)
    hist = [omega.count(j) for j in range(16)]
    hist[0] -= 1  # omega[0] is not an integer of 1..n
    while hist and hist[-1] == 0:
        hist.pop()
    return hist
