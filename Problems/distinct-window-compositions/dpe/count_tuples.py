# A DPE level: slide a window of four counters and store a tuple snapshot per window.
def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    index = {"A": 0, "C": 1, "G": 2, "T": 3}
    counts = [0, 0, 0, 0]
    for c in dna[:k]:
        counts[index[c]] += 1
    seen = {tuple(counts)}
    for i in range(k, n):
        counts[index[dna[i]]] += 1
        counts[index[dna[i - k]]] -= 1
        seen.add(tuple(counts))
    return len(seen)
