def serve_customers(
    arrival: list[int], duration: list[int], priority: list[int], clerks: int
) -> tuple[list[int], list[int]]:
    """Simulate a service desk and return when and by whom each customer is served.

    The desk has `clerks` clerks (clerks >= 1), numbered 0 .. clerks - 1, all idle from
    time 0. Customer i arrives at time arrival[i] (arrival is non-decreasing, values
    >= 0), needs one clerk for duration[i] >= 1 time units and has priority[i] (a smaller
    number is more urgent). The three lists have the same length n >= 0.

    Whenever some clerk is idle and some customer is waiting, the waiting customer with
    the smallest priority (ties: the smallest index i) is served at once by the idle
    clerk who has been idle the longest, that is who became idle the earliest (ties: the
    smallest clerk number). A clerk who starts serving at time t becomes idle again at
    time t + duration[i]. At any time t, the clerks finishing at t and the customers
    arriving at t are all taken into account before anybody is assigned at t.

    Return a pair of lists (start, served_by): start[i] is the time at which customer i
    starts being served and served_by[i] is the number of the clerk serving them.

    >>> serve_customers([0, 0, 1, 2], [3, 2, 1, 1], [1, 0, 0, 1], 2)
    ([0, 0, 2, 3], [1, 0, 0, 0])
    >>> serve_customers([0, 5], [2, 1], [0, 0], 2)
    ([0, 5], [0, 1])
    >>> serve_customers([], [], [], 1)
    ([], [])
    """
