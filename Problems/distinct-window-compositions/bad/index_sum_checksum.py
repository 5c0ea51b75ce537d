# Known bad (rejected): keys each window by the sum of its letters' indices, which is not
# injective ("AG" and "CC" both sum to 2).
def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    index = {"A": 0, "C": 1, "G": 2, "T": 3}
    total = sum(index[c] for c in dna[:k])
    seen = {total}
    for i in range(k, n):
        total += index[dna[i]] - index[dna[i - k]]
        seen.add(total)
    return len(seen)
