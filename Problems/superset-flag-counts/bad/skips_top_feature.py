# Known bad (rejected): the transform stops one feature short (range(bits - 1)), so a
# mask above the query only in the highest feature is never added in.
def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    f = [0] * size
    for mask in flags:
        f[mask] += 1
    for b in range(bits - 1):
        half = 1 << b
        for i in range(size):
            if not i & half:
                f[i] += f[i | half]
    return [f[q] for q in queries]
