from itertools import compress
from operator import add, not_


def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    """Plan n consecutive days of a freelancer and return the best total result.

    Resting on day i instead of working loses c[i] = profit[i] + rest_cost[i], so the
    answer is sum(profit) minus the cheapest set of rest days that leaves no more than
    max_streak working days in a row. Days with c[i] <= 0 are rested for free; they split
    the days into independent stretches, and only stretches longer than max_streak need
    the DP D[k] = c[k] + min of D over the previous B = max_streak + 1 days. That DP goes
    block by block (blocks of B days): with S the suffix minima of the previous block,
    D[r] = c[r] + min(S[r], M[r - 1]) with the running minimum M[r] = min(M[r - 1],
    c[r] + S[r]) (valid because c >= 0), all in tight comprehensions.
    """
    n = len(profit)
    if n == 0:
        return 0
    if max_streak == 0:
        return -sum(rest_cost)
    loss = list(map(add, profit, rest_cost))
    cost = [x if x > 0 else 0 for x in loss]
    total = sum(profit)
    base = total - (sum(loss) - sum(cost))  # profit with every free rest taken
    if max_streak >= n:
        return base
    width = max_streak + 1
    # free days split the schedule into independent stretches
    free = list(compress(range(n), map(not_, cost)))
    free.append(n)
    extra = 0
    start = 0
    for stop in free:
        if stop - start > max_streak:
            extra += _cheapest(cost[start:stop], width)
        start = stop + 1
    return base - extra


def _cheapest(c, width):
    """Minimum total cost of rest days in c (costs > 0) so that every `width` consecutive
    days hold a rest day, with free rests just before and just after."""
    c.append(0)
    size = len(c)
    inf = 1 << 62
    prev = c[: width - 1]
    prev.insert(0, 0)  # virtual free rest before day 0
    # block t of D (D[0] virtual) covers D indices [t*width, (t+1)*width)
    for lo in range(width - 1, size, width):
        block = c[lo : lo + width]
        m = inf
        suffix = [m := (x if x < m else m) for x in reversed(prev)]
        suffix.reverse()
        m = inf
        cur = []
        append = cur.append
        for cr, s in zip(block, suffix):
            append(cr + (s if s < m else m))
            u = cr + s
            if u < m:
                m = u
        prev = cur
    return prev[-1]
