def nearest_charger(n: int, roads: list[tuple[int, int, int]], chargers: list[int]) -> list[int]:
    """Return, for every junction, the driving time to the closest charging station.

    The city has junctions 0..n-1. Each road (u, v, t) can be driven in either direction
    and takes t minutes (t >= 0); several roads may join the same two junctions, and a
    road may start and end at the same junction. chargers lists the junctions that have a
    charging station (possibly with repeats, possibly empty).

    The i-th entry of the result is the smallest total time of a route from junction i to
    any junction with a charging station (0 if junction i has one), or -1 if no charging
    station can be reached from junction i.

    >>> nearest_charger(5, [(0, 1, 4), (1, 2, 1), (0, 2, 7), (2, 3, 2)], [0, 3])
    [0, 3, 2, 0, -1]
    >>> nearest_charger(3, [(0, 1, 5), (0, 1, 2), (1, 2, 0)], [2])
    [2, 0, 0]
    >>> nearest_charger(2, [(0, 1, 1)], [])
    [-1, -1]
    """
