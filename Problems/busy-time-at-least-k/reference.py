# The expert reference: no event sweep at all. With S and E the sorted starts and ends,
# the number of running sessions at time t is #(S <= t) - #(E <= t). While exactly j
# sessions have ended (t in [E_j, E_{j+1}), 1-based, E_0 = -inf), at least k run exactly
# when t >= S_{j+k}. So the answer is the sum over j of
#     max(0, E_{j+1} - max(E_j, S_{j+k})),
# two in-place C sorts of plain ints and one light pass over three zipped sequences.
from itertools import islice


def busy_time(sessions: list[tuple[int, int]], k: int) -> int:
    n = len(sessions)
    if k > n:
        return 0
    starts = [s for s, _ in sessions]
    starts.sort()
    ends = [e for _, e in sessions]
    ends.sort()
    total = ends[0] - starts[k - 1]  # j = 0: the piece [S_k, E_1)
    if total < 0:
        total = 0
    for e0, e1, s in zip(ends, islice(ends, 1, None), islice(starts, k, None)):
        low = e0 if e0 > s else s
        if e1 > low:
            total += e1 - low
    return total
