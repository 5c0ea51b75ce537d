def park_cars(n: int, events: list[int]) -> list[int]:
    """Simulate a parking row and return the spot given to each arriving car.

    The row has spots 1..n, numbered from the entrance, all free at the start. The events
    happen in order:

    - a positive event k is a car that wants the k-th free spot counting from the
      entrance (k = 1 is the free spot nearest the entrance). If at least k spots are
      free, the car parks there; otherwise it drives away and nothing changes.
    - a negative event -s is the car parked in spot s leaving, which frees spot s.
      Spot s is always occupied when this happens.

    Return one entry per arriving car, in order: the spot it parked in, or -1 if it drove
    away.

    >>> park_cars(5, [2, 2, 1, -3, 2, 9])
    [2, 3, 1, 4, -1]
    >>> park_cars(1, [1, 1, -1, 1])
    [1, -1, 1]
    """
