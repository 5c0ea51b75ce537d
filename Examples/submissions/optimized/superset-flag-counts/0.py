from array import array
from collections import Counter
from itertools import repeat


def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    """Count, for each query, the users who have all of the query's features enabled.

    Sum over supersets (for each feature b, every mask without b adds the count of the
    mask with b) on all 2^bits counters at once, as fixed-width fields of big integers
    wide enough for the total (so no carry crosses a field). The counters are split into
    64 pieces by their top 6 bits: those features add whole pieces together, and every
    lower feature b is one step P += (P >> (field * 2^b)) & M_b per piece, M_b selecting
    the fields of masks without b (one small mask shared by all pieces).
    """
    total = len(flags)
    if total == 0 or not queries:
        return [0] * len(queries)
    if bits == 0:
        return [total] * len(queries)
    size = 1 << bits
    if total < 256:
        code = "B"
    elif total < 65536:
        code = "H"
    elif total < 1 << 32:
        code = "I" if array("I").itemsize == 4 else "L"
    else:
        code = "Q"
    width = array(code).itemsize

    counts = Counter(flags)
    if len(counts) * 4 < size:
        table = array(code, bytes(size * width))
        for mask, c in counts.items():
            table[mask] = c
    else:
        table = array(code, map(counts.get, range(size), repeat(0)))
    raw = table.tobytes()

    # split the counters into 2^top pieces of consecutive masks: piece i holds the masks
    # whose top `top` bits are i
    top = min(bits, 6)
    low = bits - top
    span = width << low  # bytes per piece
    pieces = [
        int.from_bytes(raw[i : i + span], "little") for i in range(0, size * width, span)
    ]
    # features among the top bits: add whole pieces
    for b in range(top):
        step = 1 << b
        for i in range(1 << top):
            if not i & step:
                pieces[i] += pieces[i | step]
    # features among the low bits: F += (F >> (field * 2^b)) & M_b within every piece
    ones = b"\xff"
    zeros = b"\x00"
    for b in range(low):
        block = width << b
        mask = int.from_bytes((ones * block + zeros * block) * (1 << (low - b - 1)), "little")
        shift = block * 8
        pieces = [p + ((p >> shift) & mask) for p in pieces]

    table = array(code)
    table.frombytes(b"".join([p.to_bytes(span, "little") for p in pieces]))
    return list(map(table.__getitem__, queries))
