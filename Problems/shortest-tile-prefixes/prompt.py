def tile_lengths(s: str) -> list[int]:
    """For every prefix of s, the length of the shortest tile that generates it.

    A tile is a non-empty string t; it generates a string u when u is a prefix of
    t + t + t + ... (t repeated as often as needed; the last copy may be cut short).
    Return a list whose i-th element is the length of the shortest tile generating
    s[:i + 1], for i = 0, 1, ..., len(s) - 1. Characters are compared exactly (any
    Unicode characters may occur).

    >>> tile_lengths("abaab")
    [1, 2, 2, 3, 3]
    >>> tile_lengths("aaaa")
    [1, 1, 1, 1]
    >>> tile_lengths("")
    []
    """
