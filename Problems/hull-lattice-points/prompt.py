def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    """Count the integer points inside or on the fence around a set of integer points.

    The fence is the convex hull of points (each an (x, y) pair of ints; duplicates may
    occur). Return how many integer points (x, y) lie inside the hull or on its boundary.
    If all the points are collinear the hull is the segment between the two extreme points
    (count the integer points on it); a single distinct point gives 1 and no points give 0.

    >>> enclosed_lattice_points([(0, 0), (4, 0), (0, 3)])
    11
    >>> enclosed_lattice_points([(0, 0), (5, 5), (2, 2)])
    6
    >>> enclosed_lattice_points([])
    0
    """
