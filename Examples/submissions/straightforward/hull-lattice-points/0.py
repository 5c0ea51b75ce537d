from math import gcd


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    """Count the integer points inside or on the fence around a set of integer points."""
    pts = sorted(set(points))
    if not pts:
        return 0
    if len(pts) == 1:
        return 1

    # Andrew's monotone chain.
    lower = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]

    if len(hull) == 2:  # all points collinear: a segment
        (x1, y1), (x2, y2) = hull
        return gcd(abs(x2 - x1), abs(y2 - y1)) + 1

    # Pick's theorem: A = I + B/2 - 1, so I + B = A + B/2 + 1.
    twice_area = 0
    boundary = 0
    for i in range(len(hull)):
        x1, y1 = hull[i]
        x2, y2 = hull[(i + 1) % len(hull)]
        twice_area += x1 * y2 - x2 * y1
        boundary += gcd(abs(x2 - x1), abs(y2 - y1))
    twice_area = abs(twice_area)
    return (twice_area + boundary) // 2 + 1
