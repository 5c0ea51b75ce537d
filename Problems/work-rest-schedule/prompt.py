def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    """Plan n consecutive days of a freelancer and return the best total result.

    On day i (0 <= i < n) she either works, earning profit[i] (which may be negative),
    or rests, paying rest_cost[i] (never negative). She may never work more than
    max_streak days in a row (max_streak >= 0; with 0 she rests every day). The total
    is the sum of the profits of the working days minus the sum of the rest costs of
    the resting days. profit and rest_cost have the same length n >= 0; return the
    largest achievable total (0 when n == 0).

    >>> best_schedule_profit([5, 6, 7], [1, 1, 1], 2)
    12
    >>> best_schedule_profit([4, -2, 9, 3, 8], [0, 3, 1, 2, 0], 2)
    16
    >>> best_schedule_profit([7, 7, 7, 7], [2, 2, 2, 2], 0)
    -8
    """
