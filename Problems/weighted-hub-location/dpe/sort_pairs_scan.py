# A DPE level: sort (position, demand) pairs and walk them in Python until the running
# demand reaches half of the total. O(n log n) with tuple comparisons.
def hub_location(positions: list[int], demands: list[int]) -> int:
    pairs = sorted(zip(positions, demands))
    total = sum(d for _, d in pairs)
    running = 0
    for p, d in pairs:
        running += d
        if 2 * running >= total:
            return p
    return pairs[-1][0]
