# Known bad (slower): correct, but factors every integer by trial division, O(n sqrt n).
def distinct_prime_histogram(n: int) -> list[int]:
    hist = [0] * 16
    for m in range(1, n + 1):
        x, count, d = m, 0, 2
        while d * d <= x:
            if x % d == 0:
                count += 1
                while x % d == 0:
                    x //= d
            d += 1
        if x > 1:
            count += 1
        hist[count] += 1
    while hist and hist[-1] == 0:
        hist.pop()
    return hist
