# A DPE level: Pick's theorem on Andrew's monotone chain, written the textbook way (a cross
# product helper, every point sorted and scanned).
from math import gcd


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    pts = sorted(set(points))
    if len(pts) <= 1:
        return len(pts)
    lower = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area2 = 0
    boundary = 0
    for i in range(len(hull)):
        x1, y1 = hull[i - 1]
        x2, y2 = hull[i]
        area2 += x1 * y2 - x2 * y1
        boundary += gcd(x2 - x1, y2 - y1)
    return (area2 + boundary) // 2 + 1
