def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    """Report the size of the group formed by each link, in order.

    Members 0..n-1 of a social network start out in groups of their own. The links are
    applied one after another; link (a, b) joins the group containing a with the group
    containing b into a single group. For every link, the result holds the number of
    members in the group that the link formed, or 0 if a and b were already in the same
    group before the link (which is always the case when a == b).

    Every a and b satisfies 0 <= a, b < n; the result has one entry per link.

    >>> merge_sizes(5, [(0, 1), (2, 3), (1, 0), (3, 1), (4, 4), (0, 2)])
    [2, 2, 0, 4, 0, 0]
    >>> merge_sizes(3, [])
    []
    """
