def tile_lengths(s: str) -> list[int]:
    """For every prefix of s, the length of the shortest tile that generates it."""
    n = len(s)
    # KMP prefix function: border[i] is the longest proper border of s[:i + 1].
    border = [0] * n
    for i in range(1, n):
        k = border[i - 1]
        while k > 0 and s[i] != s[k]:
            k = border[k - 1]
        if s[i] == s[k]:
            k += 1
        border[i] = k
    return [i + 1 - border[i] for i in range(n)]
