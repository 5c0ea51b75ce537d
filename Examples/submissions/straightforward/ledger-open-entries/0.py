from collections import defaultdict, deque


def open_entries(amounts: list[int]) -> list[int]:
    """Reconcile a ledger and return the positions of the entries left open."""
    open_by_amount = defaultdict(deque)
    for j, amount in enumerate(amounts):
        waiting = open_by_amount.get(-amount)
        if waiting:
            waiting.popleft()
        else:
            open_by_amount[amount].append(j)
    result = []
    for indices in open_by_amount.values():
        result.extend(indices)
    result.sort()
    return result
