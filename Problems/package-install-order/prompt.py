def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    """Return the cheapest total cost of installing every package, in the best order.

    There are n packages (0 <= n <= 16), installed one at a time in an order of your
    choice. Installing package i costs base[i] minus discount[j][i] for every package j
    already installed before it, but never less than 0:
        cost(i) = max(0, base[i] - sum(discount[j][i] for j installed earlier))
    base[i] >= 0, discount is an n x n matrix of non-negative integers and
    discount[i][i] == 0. Return the minimum possible sum of the n costs (0 when n == 0).

    >>> min_install_cost([10, 10], [[0, 4], [7, 0]])
    13
    >>> min_install_cost([5, 8, 6], [[0, 8, 1], [0, 0, 2], [3, 3, 0]])
    8
    >>> min_install_cost([], [])
    0
    """
