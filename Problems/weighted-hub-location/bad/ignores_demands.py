# Known bad (rejected): returns the ordinary (unweighted) lower median of the positions.
def hub_location(positions: list[int], demands: list[int]) -> int:
    ordered = sorted(positions)
    return ordered[(len(ordered) - 1) // 2]
