# Known bad (rejected): the counting shortcut, but it treats zero like any other amount
# with no opposite, so every zero is reported open.
from collections import Counter


def open_entries(amounts: list[int]) -> list[int]:
    counts = Counter(amounts)
    need = {}
    for value, count in counts.items():
        excess = count - (counts.get(-value, 0) if value else 0)
        if excess > 0:
            need[value] = excess
    out = []
    for i in range(len(amounts) - 1, -1, -1):
        x = amounts[i]
        if need.get(x, 0) > 0:
            need[x] -= 1
            out.append(i)
    out.reverse()
    return out
