# Known bad (slower): correct, but sorts the whole prefix again after every sample.
def running_percentile(latencies: list[int], p: int) -> list[int]:
    out = []
    for m in range(1, len(latencies) + 1):
        ordered = sorted(latencies[:m])
        out.append(ordered[(p * m + 99) // 100 - 1])
    return out
