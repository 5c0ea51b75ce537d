from itertools import compress, repeat, starmap
from math import gcd, sqrt
from operator import eq, itemgetter, le, mul, or_, sub
from random import Random


def _chain(xs, ys):
    """Monotone chain (pops non-left turns) over points sorted by x; on points sorted by
    increasing x it returns the lower hull, on decreasing x the upper hull."""
    hx = []
    hy = []
    for x, y in zip(xs, ys):
        while len(hx) >= 2:
            ox = hx[-2]
            oy = hy[-2]
            if (hx[-1] - ox) * (y - oy) > (hy[-1] - oy) * (x - ox):
                break
            hx.pop()
            hy.pop()
        hx.append(x)
        hy.append(y)
    return hx, hy


def _records(xs, ys):
    """Keep the points (one per x, sorted by x) whose y is a running minimum from the left
    or from the right: every vertex of the lower hull is one of them."""
    m = ys[0]
    pre = [m := (y if y < m else m) for y in ys]
    m = ys[-1]
    suf = [m := (y if y < m else m) for y in reversed(ys)]
    suf.reverse()
    keep = list(map(or_, map(eq, ys, pre), map(eq, ys, suf)))
    return list(compress(xs, keep)), list(compress(ys, keep))


def _outer(points):
    """Drop points that are surely strictly inside the hull: the hull of a random sample
    lies inside the full hull, and so does the open disc around a point strictly inside
    it whose radius is the distance to the sample hull's nearest edge line (shrunk by a
    margin that covers the rounding of the float distance test)."""
    size = min(3000, len(points) // 4)
    sample = sorted(set(Random(len(points)).sample(points, size)))
    sx = list(map(itemgetter(0), sample))
    sy = list(map(itemgetter(1), sample))
    lx, ly = _chain(sx, sy)
    sx.reverse()
    sy.reverse()
    ux, uy = _chain(sx, sy)
    hx = lx[:-1] + ux[:-1]
    hy = ly[:-1] + uy[:-1]
    k = len(hx)
    if k < 3:
        return points
    cx = (min(hx) + max(hx)) // 2
    cy = (min(hy) + max(hy)) // 2
    radius = None
    for i in range(k):
        px = hx[i - 1]
        py = hy[i - 1]
        dx = hx[i] - px
        dy = hy[i] - py
        cross = dx * (cy - py) - dy * (cx - px)
        if cross <= 0:
            return points  # the centre is not strictly inside
        d = cross / sqrt(dx * dx + dy * dy)
        if radius is None or d < radius:
            radius = d
    centre = complex(cx, cy)
    limit = radius * (1 - 1e-9) - 1e-12 * (2 * abs(centre) + radius) - 1e-6
    if limit <= 0:
        return points
    far = map(le, repeat(limit), map(abs, map(sub, starmap(complex, points), repeat(centre))))
    return list(compress(points, far))


def enclosed_lattice_points(points: list[tuple[int, int]]) -> int:
    """Count the integer points inside or on the fence around a set of integer points.

    Large inputs are first thinned to the points that can be hull vertices (see _outer).
    The hull comes from monotone chains over the lowest and the highest point of every
    column, filtered to running extremes; Pick's theorem then gives
    interior + boundary = (2A + B) / 2 + 1, which also holds for a degenerate hull walked
    there and back (a segment or a point).
    """
    if not points:
        return 0
    if len(points) > 4000:
        points = _outer(points)
    pts = sorted(points)
    xs = list(map(itemgetter(0), pts))
    ys = list(map(itemgetter(1), pts))
    top = dict(zip(xs, ys))  # highest point of every column, by increasing x
    xs.reverse()
    ys.reverse()
    bottom = dict(zip(xs, ys))  # lowest point of every column, by decreasing x
    lx = list(bottom)
    ly = list(bottom.values())
    lx.reverse()
    ly.reverse()
    ux = list(top)
    uy = [-y for y in top.values()]  # the upper hull of (x, y) is the lower hull of (x, -y)

    lx, ly = _records(lx, ly)
    ux, uy = _records(ux, uy)
    lx, ly = _chain(lx, ly)
    ux.reverse()
    uy.reverse()
    ux, uy = _chain(ux, [-y for y in uy])  # upper hull, right to left

    # polygon: lower hull left to right, then upper hull right to left
    px = lx + ux
    py = ly + uy
    qx = px[1:] + px[:1]
    qy = py[1:] + py[:1]
    twice_area = abs(sum(map(mul, px, qy)) - sum(map(mul, qx, py)))
    boundary = sum(map(gcd, map(sub, qx, px), map(sub, qy, py)))
    return (twice_area + boundary) // 2 + 1
