# DPE level: O(n * max_streak). best[c] is the best total with exactly c working days at
# the end; every day rebuilds the whole state vector.
def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    if not profit:
        return 0
    neg = float("-inf")
    best = [0] + [neg] * max_streak
    for p, r in zip(profit, rest_cost):
        rest = max(best) - r
        best = [rest] + [x + p for x in best[:-1]]
    return max(best)
