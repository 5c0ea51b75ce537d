# A DPE level: simulate the ledger forwards with one FIFO queue of open indices per amount,
# O(n) but with a deque operation and two dictionary lookups for every entry.
from collections import deque


def open_entries(amounts: list[int]) -> list[int]:
    open_by_amount = {}
    alive = [True] * len(amounts)
    for j, x in enumerate(amounts):
        queue = open_by_amount.get(-x)
        if queue:
            i = queue.popleft()
            alive[i] = False
            alive[j] = False
        else:
            queue = open_by_amount.get(x)
            if queue is None:
                open_by_amount[x] = queue = deque()
            queue.append(j)
    return [j for j, a in enumerate(alive) if a]
