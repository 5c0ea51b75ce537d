# A DPE level: slide a dictionary of counts and snapshot its sorted items per window.
def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    counts = {}
    for c in dna[:k]:
        counts[c] = counts.get(c, 0) + 1
    seen = {tuple(sorted(counts.items()))}
    for i in range(k, n):
        a, b = dna[i], dna[i - k]
        counts[a] = counts.get(a, 0) + 1
        counts[b] -= 1
        if not counts[b]:
            del counts[b]
        seen.add(tuple(sorted(counts.items())))
    return len(seen)
