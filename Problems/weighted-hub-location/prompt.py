def hub_location(positions: list[int], demands: list[int]) -> int:
    """Choose where to build a delivery hub on a straight road.

    Customer i lives at integer coordinate positions[i] and makes demands[i] >= 1 trips
    a day; both lists have the same length n >= 1 (positions may repeat). A hub at
    integer coordinate x costs sum(demands[i] * abs(positions[i] - x) for i in range(n)).
    Return the smallest integer x whose cost is minimal.

    >>> hub_location([0, 10, 11], [5, 1, 1])
    0
    >>> hub_location([4, 1], [2, 2])
    1
    >>> hub_location([20, 7, -3, 7], [1, 2, 1, 2])
    7
    """
