# DPE level: keep every sample in one sorted list with bisect.insort and index it.
# Each insertion shifts O(m) references in C: O(n^2) memory moves overall.
from bisect import insort


def running_percentile(latencies: list[int], p: int) -> list[int]:
    ordered = []
    out = []
    for m, x in enumerate(latencies, 1):
        insort(ordered, x)
        out.append(ordered[(p * m + 99) // 100 - 1])
    return out
