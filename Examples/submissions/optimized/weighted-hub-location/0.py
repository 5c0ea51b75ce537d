from bisect import bisect_left
from itertools import accumulate, compress, repeat
from math import sqrt
from operator import gt, le, lt
from random import Random


def _by_sorting(positions, demands, total, below):
    """Smallest position p with 2 * (below + weight of the positions <= p) >= total."""
    order = sorted(range(len(positions)), key=positions.__getitem__)
    cum = list(accumulate(map(demands.__getitem__, order), initial=below))
    return positions[order[bisect_left(cum, (total + 1) // 2, 1) - 1]]


def hub_location(positions: list[int], demands: list[int]) -> int:
    """Choose where to build a delivery hub on a straight road.

    The cost is convex and piecewise linear in x; its slope just right of x is
    2 * W(<= x) - W, so the smallest minimiser is the smallest position p with
    2 * W(<= p) >= W: a weighted median. Rather than sorting everything, a sample drawn
    with probability proportional to demand gives two positions that bracket the median
    with high probability; C-level passes weigh the positions below and up to them
    exactly, keep only the candidates between (or on the side that holds the median, when
    the bracket misses), and only the few that remain are sorted.
    """
    cum = list(accumulate(demands))
    total = cum[-1]
    goal = (total + 1) // 2  # the answer is the smallest p with W(<= p) >= goal
    below = 0  # weight of the positions left of all candidates
    rng = Random(len(positions))
    draws = 1024
    size = 0
    while len(positions) > 4096 and (not size or len(positions) < 0.8 * size):
        size = len(positions)
        if size != len(cum):
            cum = list(accumulate(demands))
        part = cum[-1]
        picks = rng.choices(positions, cum_weights=cum, k=draws)
        picks.sort()
        frac = (goal - below) / part
        margin = 4 * sqrt(draws * frac * (1 - frac)) + 2
        i_lo = int(frac * draws - margin)
        i_hi = int(frac * draws + margin) + 1
        lo = picks[i_lo] if i_lo >= 0 else None
        hi = picks[i_hi] if i_hi < draws else None
        if lo is None and hi is None:
            break
        if lo is not None:
            left = list(map(lt, positions, repeat(lo)))
            w_left = sum(compress(demands, left))
            if below + w_left >= goal:  # the answer is < lo
                positions = list(compress(positions, left))
                demands = list(compress(demands, left))
                continue
        if hi is not None:
            upto = list(map(le, positions, repeat(hi)))
            w_upto = sum(compress(demands, upto))
            if below + w_upto < goal:  # the answer is > hi
                keep = list(map(gt, positions, repeat(hi)))
                below += w_upto
                positions = list(compress(positions, keep))
                demands = list(compress(demands, keep))
                continue
        if lo is None:
            keep = upto
        elif hi is None:
            keep = list(map(le, repeat(lo), positions))
            below += w_left
        else:
            keep = list(map(gt, upto, left))  # lo <= position <= hi
            below += w_left
        positions = list(compress(positions, keep))
        demands = list(compress(demands, keep))
    return _by_sorting(positions, demands, total, below)
