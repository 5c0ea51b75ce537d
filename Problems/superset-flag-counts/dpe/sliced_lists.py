# A DPE level: the same DP on a list, each bit's additions done with map(add) over slices
# (blocks for high bits, strides for low bits), so the per-element work runs in C.
from operator import add


def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    f = [0] * size
    for mask in flags:
        f[mask] += 1
    for b in range(bits):
        half = 1 << b
        step = 2 * half
        if half * half <= size // 2:  # few strides
            for r in range(half):
                f[r::step] = map(add, f[r::step], f[r + half::step])
        else:
            for s in range(0, size, step):
                f[s:s + half] = map(add, f[s:s + half], f[s + half:s + step])
    return [f[q] for q in queries]
