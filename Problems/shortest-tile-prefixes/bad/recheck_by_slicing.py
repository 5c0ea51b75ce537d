# Known bad (slower): walks the candidate tile length upwards like a good solution, but
# verifies each candidate by comparing slices, O(n^2) on inputs such as a^m b a^m.
def tile_lengths(s: str) -> list[int]:
    n = len(s)
    out = []
    p = 1
    for length in range(1, n + 1):
        if p < length and s[length - 1] != s[length - 1 - p]:
            p += 1
            while p < length and s[p:length] != s[: length - p]:
                p += 1
        out.append(p)
    return out
