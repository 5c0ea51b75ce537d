# Known bad (slower): correct, but wraps the hull with Jarvis's march, a full pass over
# the points per hull vertex, O(n h).
from math import gcd


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    pts = list(set(points))
    if len(pts) <= 1:
        return len(pts)
    start = min(pts)
    hull = []
    current = start
    while True:
        hull.append(current)
        cx, cy = current
        candidate = pts[0] if pts[0] != current else pts[1]
        for q in pts:
            if q == current:
                continue
            ax, ay = candidate[0] - cx, candidate[1] - cy
            bx, by = q[0] - cx, q[1] - cy
            c = ax * by - ay * bx
            if c < 0 or (c == 0 and bx * bx + by * by > ax * ax + ay * ay):
                candidate = q
        current = candidate
        if current == start:
            break
    area2 = 0
    boundary = 0
    for i in range(len(hull)):
        x1, y1 = hull[i - 1]
        x2, y2 = hull[i]
        area2 += x1 * y2 - x2 * y1
        boundary += gcd(x2 - x1, y2 - y1)
    return (abs(area2) + boundary) // 2 + 1
