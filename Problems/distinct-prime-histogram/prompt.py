def distinct_prime_histogram(n: int) -> list[int]:
    """Tally the integers 1..n by how many distinct primes divide them.

    Return a list h where h[j] is the number of integers m with 1 <= m <= n that have
    exactly j distinct prime factors (repeated factors count once: 12 = 2*2*3 has two).
    The integer 1 has zero prime factors. The list stops at the largest j with h[j] > 0,
    so it is empty when n < 1.

    >>> distinct_prime_histogram(10)
    [1, 7, 2]
    >>> distinct_prime_histogram(30)
    [1, 16, 12, 1]
    >>> distinct_prime_histogram(0)
    []
    """
