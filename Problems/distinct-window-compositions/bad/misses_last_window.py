# Known bad (rejected): an off-by-one in the window range skips the last window.
def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    index = {"A": 0, "C": 1, "G": 2, "T": 3}
    seen = set()
    counts = [0, 0, 0, 0]
    for c in dna[:k]:
        counts[index[c]] += 1
    for i in range(k, n):
        seen.add(tuple(counts))
        counts[index[dna[i]]] += 1
        counts[index[dna[i - k]]] -= 1
    return len(seen)
