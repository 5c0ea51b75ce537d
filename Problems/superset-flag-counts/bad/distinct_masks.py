# Known bad (rejected): deduplicates the users' masks first, so users sharing a mask are
# counted once.
def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    f = [0] * size
    for mask in set(flags):
        f[mask] = 1
    for b in range(bits):
        half = 1 << b
        for i in range(size):
            if not i & half:
                f[i] += f[i | half]
    return [f[q] for q in queries]
