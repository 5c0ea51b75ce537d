# Stress inputs for ledger-open-entries: a ledger of signed amounts in which most entries
# get reconciled. Every magnitude appears many times with a sign balance near one half, so
# only a small excess of each magnitude survives, near the end of the ledger.


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            [],
            [5],
            [0, 0, 0],
            [3, 3, -3],
            [3, -3, 3, -3, -3, 3, 3],
            [10**18, -(10**18), -(10**18), 7, -7, 7, -(2**70), 2**70, 2**70],
            [0, 4, 0, -4, 0, 0, -4, -4, 4, 0],
        ]
        if case < len(edge_cases):
            return (edge_cases[case],)
        values = [rng.choice((-1, 1)) * rng.randint(0, 3) for _ in range(40)]
        return (values,)
    magnitudes = max(2, size // 40)
    scale = (1, 1, 10**9 + 7, 3)[case % 4]
    lean = (0.1, 0.2, 0.3, 0.15)[case % 4]
    bias = [0.5 + lean * (2 * rng.random() - 1) for _ in range(magnitudes + 1)]
    amounts = []
    for _ in range(size):
        v = rng.randint(0, magnitudes)
        amounts.append(v * scale if rng.random() < bias[v] else -v * scale)
    return (amounts,)
