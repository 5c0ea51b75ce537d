def distinct_prime_histogram(n: int) -> list[int]:
    """Tally the integers 1..n by how many distinct primes divide them."""
    if n < 1:
        return []
    factors = [0] * (n + 1)
    for p in range(2, n + 1):
        if factors[p] == 0:  # no smaller prime divides p, so p is prime
            for multiple in range(p, n + 1, p):
                factors[multiple] += 1

    histogram = []
    for m in range(1, n + 1):
        j = factors[m]
        while len(histogram) <= j:
            histogram.append(0)
        histogram[j] += 1
    return histogram
