# DPE level: O(n log n), the window minimum from a heap with lazy deletion.
import heapq


def best_schedule_profit(profit: list[int], rest_cost: list[int], max_streak: int) -> int:
    n = len(profit)
    if n == 0:
        return 0
    width = max_streak + 1
    heap = [(0, 0)]
    for day in range(1, n + 1):
        while heap[0][1] < day - width:
            heapq.heappop(heap)
        heapq.heappush(heap, (heap[0][0] + profit[day - 1] + rest_cost[day - 1], day))
    while heap[0][1] < n + 1 - width:
        heapq.heappop(heap)
    return sum(profit) - heap[0][0]
