# The expert reference: Pick's theorem on the convex hull.
# For a hull polygon with twice-area A2 and B lattice points on its boundary (the sum of
# gcd(|dx|, |dy|) over its edges), the points inside or on it number (A2 + B) / 2 + 1;
# for a segment (A2 = 0, each edge walked twice) and a single point this still holds.
# The hull is Andrew's monotone chain with the cross products inlined, after an
# Akl-Toussaint prefilter: the four extreme points in the x + y and x - y directions span a
# quadrilateral inside the hull, and the axis-aligned rectangle inscribed in it (checked
# corner by corner) is strictly interior, so every point strictly inside that rectangle is
# dropped with two chained comparisons before any sorting. For spread-out inputs most
# points go.
from math import gcd


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    if len(points) > 32:
        sums = [x + y for x, y in points]
        diffs = [x - y for x, y in points]
        ne = points[sums.index(max(sums))]
        sw = points[sums.index(min(sums))]
        se = points[diffs.index(max(diffs))]
        nw = points[diffs.index(min(diffs))]
        xl = max(nw[0], sw[0])
        xr = min(ne[0], se[0])
        yb = max(sw[1], se[1])
        yt = min(nw[1], ne[1])
        if xl < xr and yb < yt:
            quad = (ne, nw, sw, se)  # counter-clockwise
            inside = True
            for cx, cy in ((xl, yb), (xr, yb), (xr, yt), (xl, yt)):
                for i in range(4):
                    ax, ay = quad[i - 1]
                    bx, by = quad[i]
                    if (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) < 0:
                        inside = False
            if inside:
                points = [p for p in points if not (xl < p[0] < xr and yb < p[1] < yt)]
    pts = sorted(set(points))
    if len(pts) <= 1:
        return len(pts)
    lower = []
    for p in pts:
        px, py = p
        while len(lower) >= 2:
            ax, ay = lower[-2]
            bx, by = lower[-1]
            if (bx - ax) * (py - ay) - (by - ay) * (px - ax) <= 0:
                lower.pop()
            else:
                break
        lower.append(p)
    upper = []
    for p in reversed(pts):
        px, py = p
        while len(upper) >= 2:
            ax, ay = upper[-2]
            bx, by = upper[-1]
            if (bx - ax) * (py - ay) - (by - ay) * (px - ax) <= 0:
                upper.pop()
            else:
                break
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area2 = 0
    boundary = 0
    x1, y1 = hull[-1]
    for x2, y2 in hull:
        area2 += x1 * y2 - x2 * y1
        boundary += gcd(x2 - x1, y2 - y1)
        x1, y1 = x2, y2
    return (area2 + boundary) // 2 + 1
