# A DPE level: canonicalise every window by sorting its letters, O(n k log k).
def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    return len({"".join(sorted(dna[i : i + k])) for i in range(n - k + 1)})
