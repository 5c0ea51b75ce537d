# A DPE level: the packed big-integer transform with a fixed 32-bit field per mask, twice
# the bytes of the expert's width-fitted fields for the inputs here.
from array import array
from collections import Counter


def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    counts = array("I", bytes(4 * size))
    for mask, count in Counter(flags).items():
        counts[mask] = count
    packed = int.from_bytes(counts.tobytes(), "little")
    for b in range(bits):
        half = 1 << b
        keep = int.from_bytes((b"\xff" * (4 * half) + bytes(4 * half)) * (size >> (b + 1)), "little")
        packed += (packed >> (32 * half)) & keep
    table = array("I")
    table.frombytes(packed.to_bytes(4 * size, "little"))
    return [table[q] for q in queries]
