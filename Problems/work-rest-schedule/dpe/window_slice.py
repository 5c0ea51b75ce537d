# DPE level: O(n * max_streak) with the window minimum taken by min() over a slice.
def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    n = len(profit)
    if n == 0:
        return 0
    width = max_streak + 1
    cost = [0]  # cost[d]: least loss with a rest on day d - 1 (cost[0]: before day 0)
    for day in range(1, n + 1):
        cost.append(min(cost[max(0, day - width):day]) + profit[day - 1] + rest_cost[day - 1])
    return sum(profit) - min(cost[max(0, n + 1 - width):n + 1])
