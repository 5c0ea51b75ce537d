# Stress inputs for hull-lattice-points: one list of (x, y) tuples per call.
# Level 0 covers the edge cases: no points, one point, repeated points, collinear points
# (slanted and vertical), a triangle whose edges carry lattice points, and a square with
# points on its edges and inside. Stress levels draw n points uniformly from a disk or an
# axis-aligned ellipse of radius up to 10^6 around a random center (so the hull has a few
# dozen to a few hundred vertices), with some duplicates and a few collinear runs.


def _in_ellipse(rng, cx, cy, a, b):
    while True:
        x = rng.randint(-a, a)
        y = rng.randint(-b, b)
        if x * x * b * b + y * y * a * a <= a * a * b * b:
            return (cx + x, cy + y)


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            [],
            [(3, -2)],
            [(1, 1), (1, 1), (1, 1)],
            [(0, 0), (6, 3), (2, 1), (-2, -1), (6, 3)],
            [(0, 0), (0, 5), (0, 2)],
            [(0, 0), (4, 0), (0, 3)],
            [(0, 0), (3, 0), (3, 3), (0, 3), (1, 1), (2, 0), (3, 1), (1, 1)],
        ]
        if case < len(edge_cases):
            return (edge_cases[case],)
        return ([(rng.randint(-6, 6), rng.randint(-6, 6)) for _ in range(size)],)
    a = 10**6 // rng.choice([1, 1, 2])
    b = a if case % 2 == 0 else a * rng.randint(50, 100) // 100
    cx = rng.randint(-(10**6), 10**6)
    cy = rng.randint(-(10**6), 10**6)
    points = []
    while len(points) < size:
        roll = rng.random()
        if roll < 0.03 and points:
            points.append(points[rng.randrange(len(points))])
        elif roll < 0.04:
            x, y = _in_ellipse(rng, cx, cy, a // 2, b // 2)
            dx, dy = rng.randint(-50, 50), rng.randint(-50, 50)
            for t in range(rng.randint(2, 20)):
                points.append((x + t * dx, y + t * dy))
        else:
            points.append(_in_ellipse(rng, cx, cy, a, b))
    return (points[:size],)
