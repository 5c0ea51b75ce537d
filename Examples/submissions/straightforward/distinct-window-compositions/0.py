def count_compositions(dna: str, k: int) -> int:
    """Count the distinct letter compositions among the length-k windows of a DNA string."""
    n = len(dna)
    if n < k:
        return 0
    counts = {"A": 0, "C": 0, "G": 0, "T": 0}
    for letter in dna[:k]:
        counts[letter] += 1
    compositions = set()
    compositions.add((counts["A"], counts["C"], counts["G"], counts["T"]))
    for start in range(1, n - k + 1):
        counts[dna[start - 1]] -= 1       # letter leaving the window
        counts[dna[start + k - 1]] += 1   # letter entering the window
        compositions.add((counts["A"], counts["C"], counts["G"], counts["T"]))
    return len(compositions)
