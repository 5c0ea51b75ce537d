from collections import Counter
from itertools import repeat
from operator import neg, sub


def open_entries(amounts: list[int]) -> list[int]:
    """Reconcile a ledger and return the positions of the entries left open.

    Entries of amount v only ever meet entries of amount -v, and at any moment the open
    ones among them all have the same sign (an opposite one would have cancelled). So
    after the whole ledger, count(v) - count(-v) entries of amount v stay open when that
    is positive (count(0) mod 2 for zeros), and because the earliest open entry is always
    the one cancelled, the open entries of amount v are the last ones of that amount: one
    backward pass picks them.
    """
    counts = Counter(amounts)
    values = list(counts)
    other = map(counts.get, map(neg, values), repeat(0))
    left = dict(zip(values, [d if d > 0 else 0 for d in map(sub, counts.values(), other)]))
    if 0 in left:
        left[0] = counts[0] & 1
    result = []
    append = result.append
    j = len(amounts)
    for v in reversed(amounts):
        j -= 1
        r = left[v]
        if r:
            left[v] = r - 1
            append(j)
    result.reverse()
    return result
