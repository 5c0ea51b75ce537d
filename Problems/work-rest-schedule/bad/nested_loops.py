# Known bad (slower): correct, but O(n * max_streak) with plain Python loops over the
# streak states.
def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    n = len(profit)
    if n == 0:
        return 0
    neg = -(1 << 62)
    best = [0] + [neg] * max_streak
    for i in range(n):
        new = [neg] * (max_streak + 1)
        top = neg
        for c in range(max_streak + 1):
            if best[c] > top:
                top = best[c]
        new[0] = top - rest_cost[i]
        for c in range(1, max_streak + 1):
            if best[c - 1] > neg:
                new[c] = best[c - 1] + profit[i]
        best = new
    return max(best)
