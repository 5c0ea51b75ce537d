# Known bad (rejected): greedy, always installs the package that is cheapest right now.
def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    n = len(base)
    left = set(range(n))
    done = []
    total = 0
    while left:
        def cost(i):
            return max(0, base[i] - sum(discount[j][i] for j in done))
        pick = min(sorted(left), key=cost)
        total += cost(pick)
        done.append(pick)
        left.remove(pick)
    return total
