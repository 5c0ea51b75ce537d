# The expert reference. Under earliest-first matching, the open entries of one absolute
# value always share a sign, so the survivors of a value v are exactly the last
# count(v) - count(-v) occurrences of v (and the last zero when there is an odd number of
# zeros). Count in C with Counter, then walk the ledger backwards only as far as the
# earliest survivor, with a cheap membership test per entry.
from collections import Counter


def open_entries(amounts: list[int]) -> list[int]:
    counts = Counter(amounts)
    need = {}
    get = counts.get
    for value, count in counts.items():
        if value > 0:
            excess = count - get(-value, 0)
            if excess > 0:
                need[value] = excess
            elif excess < 0:
                need[-value] = -excess
        elif value < 0:
            if -value not in counts:
                need[value] = count
        elif count & 1:
            need[0] = 1
    if not need:
        return []
    out = []
    append = out.append
    left = len(need)
    i = len(amounts)
    for x in reversed(amounts):
        i -= 1
        if x in need:
            append(i)
            k = need[x] - 1
            if k:
                need[x] = k
            else:
                del need[x]
                left -= 1
                if not left:
                    break
    out.reverse()
    return out
