# A DPE level: the textbook sum-over-supersets DP, one Python addition per (mask, bit).
def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    f = [0] * size
    for mask in flags:
        f[mask] += 1
    for b in range(bits):
        half = 1 << b
        for block in range(0, size, 2 * half):
            for i in range(block, block + half):
                f[i] += f[i + half]
    return [f[q] for q in queries]
