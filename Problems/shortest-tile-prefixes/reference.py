# The expert reference. The shortest tile of s[:L] is L minus its longest proper border,
# so one pass of the prefix function (Knuth-Morris-Pratt failure links) answers every
# prefix in amortised O(n). The common case (the border extends) is tested first, and the
# final subtraction runs in C.
from operator import sub


def tile_lengths(s: str) -> list[int]:
    n = len(s)
    if not n:
        return []
    border = [0] * n
    k = 0
    for i in range(1, n):
        c = s[i]
        if s[k] == c:
            k += 1
        else:
            while k:
                k = border[k - 1]
                if s[k] == c:
                    k += 1
                    break
        border[i] = k
    return list(map(sub, range(1, n + 1), border))
