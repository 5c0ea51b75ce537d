# Known bad (slower): correct, but evaluates the full cost at every customer's position,
# O(n^2).
def hub_location(positions: list[int], demands: list[int]) -> int:
    best = None
    for x in sorted(set(positions)):
        cost = sum(d * abs(p - x) for p, d in zip(positions, demands))
        if best is None or cost < best[0]:
            best = (cost, x)
    return best[1]
