def count_compositions(dna: str, k: int) -> int:
    """Count the distinct letter compositions among the length-k windows of a DNA string.

    dna consists only of the characters 'A', 'C', 'G' and 'T', and k >= 1. A window is a
    substring dna[i:i + k] with 0 <= i <= len(dna) - k. The composition of a window is the
    number of times each of the four letters occurs in it, so two windows have the same
    composition exactly when one is an anagram of the other. Return the number of distinct
    compositions over all windows (0 when len(dna) < k).

    >>> count_compositions("ACGTTGCA", 4)
    3
    >>> count_compositions("AAAA", 2)
    1
    >>> count_compositions("ACG", 5)
    0
    """
