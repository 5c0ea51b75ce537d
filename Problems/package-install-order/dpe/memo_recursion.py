# DPE level: top-down memoised search over the installed set, recomputing each
# package's discount with a generator over all n packages: O(n^2 2^n).
from functools import lru_cache


def min_install_cost(base: list[int], discount: list[list[int]]) -> int:
    n = len(base)
    full = (1 << n) - 1

    @lru_cache(maxsize=None)
    def solve(mask):
        if mask == full:
            return 0
        best = None
        for i in range(n):
            if mask & (1 << i):
                continue
            saved = sum(discount[j][i] for j in range(n) if mask & (1 << j))
            total = max(0, base[i] - saved) + solve(mask | (1 << i))
            if best is None or total < best:
                best = total
        return best

    return solve(0)
