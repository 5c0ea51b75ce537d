from operator import sub


def tile_lengths(s: str) -> list[int]:
    """For every prefix of s, the length of the shortest tile that generates it.

    The shortest tile of s[:i + 1] has length i + 1 - border[i], border being the KMP
    prefix function. The KMP loop runs over a list of the characters; every 64
    characters, one slice comparison checks whether the whole next block extends the
    current match, in which case its borders are the next 64 integers (long periodic
    stretches cost almost nothing).
    """
    n = len(s)
    if n == 0:
        return []
    t = list(s)
    border = [0]
    append = border.append
    extend = border.extend
    k = 0
    width = 64
    for lo in range(1, n, width):
        hi = lo + width
        if k and hi <= n and s[lo:hi] == s[k : k + width]:
            extend(range(k + 1, k + width + 1))
            k += width
            continue
        for c in t[lo:hi]:
            if c == t[k]:
                k += 1
            elif k:
                k = border[k - 1]
                while k and c != t[k]:
                    k = border[k - 1]
                if c == t[k]:
                    k += 1
            append(k)
    return list(map(sub, range(1, n + 1), border))
