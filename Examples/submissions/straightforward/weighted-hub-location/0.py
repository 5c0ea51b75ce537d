def hub_location(positions: list[int], demands: list[int]) -> int:
    """Choose where to build a delivery hub on a straight road."""
    pairs = sorted(zip(positions, demands))
    total = sum(demands)
    left = 0
    for position, demand in pairs:
        left += demand
        # Moving right from here no longer lowers the cost once half the demand is covered.
        if 2 * left >= total:
            return position
    return pairs[-1][0]
