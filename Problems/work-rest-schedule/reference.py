# Expert: choose the resting days. With loss[i] = profit[i] + rest_cost[i] (what resting
# on day i costs compared with working), f(i) = loss[i] + min f(j) over the previous
# max_streak + 1 candidate rest days (a virtual rest before day 0 and after day n-1).
# The sliding-window minimum is kept in a monotone deque: O(n) overall.
from collections import deque


def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    n = len(profit)
    if n == 0:
        return 0
    if max_streak >= n:
        return sum(p if p > -r else -r for p, r in zip(profit, rest_cost))
    width = max_streak + 1
    values = deque([0])
    days = deque([0])
    day = 0
    for loss in map(int.__add__, profit, rest_cost):
        day += 1
        if days[0] < day - width:
            values.popleft()
            days.popleft()
        cost = values[0] + loss
        while values and values[-1] >= cost:
            values.pop()
            days.pop()
        values.append(cost)
        days.append(day)
    if days[0] < day + 1 - width:
        values.popleft()
    return sum(profit) - values[0]
