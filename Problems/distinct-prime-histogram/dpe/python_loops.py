# A DPE level: the textbook sieve, a Python loop over the multiples of every prime.
def distinct_prime_histogram(n: int) -> list[int]:
    if n < 1:
        return []
    omega = [0] * (n + 1)
    for p in range(2, n + 1):
        if omega[p] == 0:  # no smaller prime divides p: p is prime
            for m in range(p, n + 1, p):
                omega[m] += 1
    hist = [0] * 16
    for m in range(1, n + 1):
        hist[omega[m]] += 1
    while hist and hist[-1] == 0:
        hist.pop()
    return hist
