from collections import deque


def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    """Plan n consecutive days of a freelancer and return the best total result."""
    n = len(profit)
    prefix = [0] * (n + 1)
    for i in range(n):
        prefix[i + 1] = prefix[i] + profit[i]

    # best[i]: best total of days 0..i-1 when day i-1 is a rest day (best[0] = 0, a virtual
    # rest before day 0). Days j..i-2 are then worked, which needs i-1-j <= max_streak:
    # best[i] = -rest_cost[i-1] + prefix[i-1] + max(best[j] - prefix[j]) over that window.
    # A monotone deque keeps the window maximum.
    best = [0] * (n + 1)
    window = deque([0])  # indices j, with best[j] - prefix[j] decreasing
    for i in range(1, n + 1):
        while window[0] < i - 1 - max_streak:
            window.popleft()
        j = window[0]
        best[i] = -rest_cost[i - 1] + prefix[i - 1] + best[j] - prefix[j]
        value = best[i] - prefix[i]
        while window and best[window[-1]] - prefix[window[-1]] <= value:
            window.pop()
        window.append(i)

    # The last rest day j (or the virtual one) must leave at most max_streak working days.
    return max(best[j] + prefix[n] - prefix[j] for j in range(max(0, n - max_streak), n + 1))
