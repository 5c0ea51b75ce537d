# Known bad (rejected): stops only once the running demand exceeds half of the total,
# which returns the largest optimal coordinate when the cost is flat between two customers.
def hub_location(positions: list[int], demands: list[int]) -> int:
    pairs = sorted(zip(positions, demands))
    total = sum(demands)
    running = 0
    for p, d in pairs:
        running += d
        if 2 * running > total:
            return p
    return pairs[-1][0]
