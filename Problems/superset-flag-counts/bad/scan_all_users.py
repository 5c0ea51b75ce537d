# Known bad (slower): correct, but checks every user against every query, O(n * q).
def count_supersets(flags: list[int], queries: list[int], bits: int) -> list[int]:
    return [sum(1 for mask in flags if mask & q == q) for q in queries]
