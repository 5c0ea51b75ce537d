# A DPE level: Pick's theorem on a Graham scan whose angular sort compares points with a
# cross-product comparator through functools.cmp_to_key (a Python call per comparison).
from functools import cmp_to_key
from math import gcd


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    pts = list(set(points))
    if len(pts) <= 1:
        return len(pts)
    pivot = min(pts, key=lambda p: (p[1], p[0]))
    px, py = pivot

    def by_angle(a, b):
        c = cross(pivot, a, b)
        if c:
            return -1 if c > 0 else 1
        da = (a[0] - px) ** 2 + (a[1] - py) ** 2
        db = (b[0] - px) ** 2 + (b[1] - py) ** 2
        return (da > db) - (da < db)

    others = sorted((p for p in pts if p != pivot), key=cmp_to_key(by_angle))
    hull = [pivot]
    for p in others:
        while len(hull) >= 2 and cross(hull[-2], hull[-1], p) <= 0:
            hull.pop()
        hull.append(p)
    area2 = 0
    boundary = 0
    for i in range(len(hull)):
        x1, y1 = hull[i - 1]
        x2, y2 = hull[i]
        area2 += x1 * y2 - x2 * y1
        boundary += gcd(x2 - x1, y2 - y1)
    return (area2 + boundary) // 2 + 1
