# Known bad (rejected): closes the most recent matching open entry instead of the earliest.
def open_entries(amounts: list[int]) -> list[int]:
    open_by_amount = {}
    alive = [True] * len(amounts)
    for j, x in enumerate(amounts):
        stack = open_by_amount.get(-x)
        if stack:
            i = stack.pop()
            alive[i] = False
            alive[j] = False
        else:
            open_by_amount.setdefault(x, []).append(j)
    return [j for j, a in enumerate(alive) if a]
