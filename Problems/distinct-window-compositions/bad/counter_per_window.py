# Known bad (slower): correct, but recounts every window from scratch, O(n k).
from collections import Counter


def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    return len({frozenset(Counter(dna[i : i + k]).items()) for i in range(n - k + 1)})
