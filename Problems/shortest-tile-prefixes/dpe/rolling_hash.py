# A DPE level: the shortest tile never shrinks as the prefix grows, so walk one candidate
# length p upwards and test "s[:L] has period p" by comparing polynomial hashes of
# s[p:L] and s[:L - p] (modulo 2**61 - 1). O(n) with big-integer arithmetic per step.
def tile_lengths(s: str) -> list[int]:
    n = len(s)
    mod = (1 << 61) - 1
    base = 1_000_003
    prefix = [0] * (n + 1)
    power = [1] * (n + 1)
    for i, c in enumerate(s):
        prefix[i + 1] = (prefix[i] * base + ord(c)) % mod
        power[i + 1] = power[i] * base % mod
    out = []
    p = 1
    for length in range(1, n + 1):
        while p < length and (
            prefix[length] - prefix[p] * power[length - p] - prefix[length - p]
        ) % mod:
            p += 1
        out.append(p)
    return out
