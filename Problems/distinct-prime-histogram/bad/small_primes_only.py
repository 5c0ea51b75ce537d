# Known bad (rejected): sieves with the primes up to sqrt(n) only, as a primality sieve
# would, so a prime factor above sqrt(n) (every prime itself, 2*p for a large p, ...) is
# never counted.
from math import isqrt


def distinct_prime_histogram(n: int) -> list[int]:
    if n < 1:
        return []
    omega = [0] * (n + 1)
    for p in range(2, isqrt(n) + 1):
        if all(p % q for q in range(2, isqrt(p) + 1)):
            for m in range(p, n + 1, p):
                omega[m] += 1
    hist = [0] * 16
    for m in range(1, n + 1):
        hist[omega[m]] += 1
    while hist and hist[-1] == 0:
        hist.pop()
    return hist
