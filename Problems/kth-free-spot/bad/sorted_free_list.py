# Known bad (slower): correct, but keeps the free spots in a sorted Python list, so every
# arrival (pop from the middle) and departure (insort) shifts O(n) entries.
from bisect import insort


def park_cars(n: int, events: list[int]) -> list[int]:
    free = list(range(1, n + 1))
    result = []
    for e in events:
        if e > 0:
            if e > len(free):
                result.append(-1)
            else:
                result.append(free.pop(e - 1))
        else:
            insort(free, -e)
    return result
