# Known bad (rejected): only accepts tiles that fit a whole number of times, i.e. tile
# lengths that divide the prefix length.
def tile_lengths(s: str) -> list[int]:
    out = []
    for length in range(1, len(s) + 1):
        prefix = s[:length]
        for p in range(1, length + 1):
            if length % p == 0 and prefix[:p] * (length // p) == prefix:
                out.append(p)
                break
    return out
