# Known bad (rejected): the prefix function with a single fallback step instead of
# following the failure links until a match (an `if` where a `while` belongs).
def tile_lengths(s: str) -> list[int]:
    n = len(s)
    border = [0] * n
    k = 0
    for i in range(1, n):
        if k and s[k] != s[i]:
            k = border[k - 1]
        if s[k] == s[i]:
            k += 1
        border[i] = k
    return [i + 1 - border[i] for i in range(n)]
