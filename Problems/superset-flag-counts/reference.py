# The expert reference: the sum-over-supersets transform, done on one big integer.
# The count of every mask is packed into a fixed-width field (8, 16, 32 or 64 bits, the
# narrowest that holds len(flags), so no field ever carries into the next). For feature b,
# every field whose index lacks bit b must add the field 2^b places above it: shift the
# whole integer right by 2^b fields, keep the fields whose index lacks bit b with a
# precomputed repeating mask, and add. That is three big-integer operations per feature,
# all in C, instead of 2^(bits-1) Python additions.
from array import array
from collections import Counter


def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    size = 1 << bits
    n = len(flags)
    if n < 1 << 8:
        code, width = "B", 1
    elif n < 1 << 16:
        code, width = "H", 2
    elif n < 1 << 32:
        code, width = "I", 4
    else:
        code, width = "Q", 8
    counts = array(code, bytes(width * size))
    for mask, count in Counter(flags).items():
        counts[mask] = count
    packed = int.from_bytes(counts.tobytes(), "little")
    field_bits = 8 * width
    ones = b"\xff" * width
    for b in range(bits):
        half = 1 << b
        keep = int.from_bytes((ones * half + bytes(width * half)) * (size >> (b + 1)), "little")
        packed += (packed >> (field_bits * half)) & keep
    table = array(code)
    table.frombytes(packed.to_bytes(width * size, "little"))
    return list(map(table.__getitem__, queries))
