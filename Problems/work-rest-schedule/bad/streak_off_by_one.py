# Known bad (rejected): the window is one day too wide, so it allows max_streak + 1
# working days in a row.
from collections import deque


def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    n = len(profit)
    if n == 0:
        return 0
    width = max_streak + 2
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
