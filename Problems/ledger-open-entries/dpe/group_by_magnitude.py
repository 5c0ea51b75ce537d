# A DPE level: sort the positions by (absolute amount, position) with a Python key, then
# replay each magnitude's entries with a queue: O(n log n) with heavy per-element work.
def open_entries(amounts: list[int]) -> list[int]:
    n = len(amounts)
    order = sorted(range(n), key=lambda i: (abs(amounts[i]), i))
    survivors = []
    i = 0
    while i < n:
        key = abs(amounts[order[i]])
        j = i
        queue = []
        head = 0
        while j < n and abs(amounts[order[j]]) == key:
            idx = order[j]
            x = amounts[idx]
            if head < len(queue) and amounts[queue[head]] == -x:
                head += 1
            else:
                queue.append(idx)
            j += 1
        survivors.extend(queue[head:])
        i = j
    survivors.sort()
    return survivors
