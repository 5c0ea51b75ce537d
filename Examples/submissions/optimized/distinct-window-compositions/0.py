from itertools import accumulate

_CODES = bytes.maketrans(b"ACGT", b"\x00\x01\x02\x03")


def count_compositions(dna: str, k: int) -> int:
    """Count the distinct letter compositions among the length-k windows of a DNA string.

    A composition is encoded as one integer, a + c * B + g * B^2 with B = k + 1 (a, c, g
    the counts of A, C, G; T's count follows). Sliding the window by one adds the weight
    of the entering letter and removes that of the leaving one; the pair (entering,
    leaving) is computed for all positions at once as bytes (4 * entering + leaving, with
    one big-integer multiply-add), mapped to its weight change through a table of 16
    ints, and the windows' codes are the running sums.
    """
    n = len(dna)
    if n < k:
        return 0
    if n == k:
        return 1
    base = k + 1
    weight = [1, base, base * base, 0]
    letters = dna.encode("ascii").translate(_CODES)
    m = n - k
    pairs = (
        int.from_bytes(letters[k:], "little") * 4 + int.from_bytes(letters[:m], "little")
    ).to_bytes(m, "little")
    change = [weight[i >> 2] - weight[i & 3] for i in range(16)]
    first = sum(map(weight.__getitem__, letters[:k]))
    return len(set(accumulate(map(change.__getitem__, pairs), initial=first)))
