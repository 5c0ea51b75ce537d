# The expert reference. A composition is encoded exactly as one integer: letter j weighs
# (k + 1) ** j, and no count exceeds k, so distinct compositions get distinct sums; the last
# letter's count follows from the others and weighs 0, which keeps the codes small. The
# window codes come out of one running sum of weight differences, all computed in C.
from itertools import accumulate
from operator import sub


def count_compositions(dna: str, k: int) -> int:
    n = len(dna)
    if k > n:
        return 0
    base = k + 1
    letters = list(set(dna))
    weight = {c: base**j for j, c in enumerate(letters)}
    weight[letters[-1]] = 0
    values = list(map(weight.__getitem__, dna))
    codes = accumulate(map(sub, values[k:], values), initial=sum(values[:k]))
    return len(set(codes))
