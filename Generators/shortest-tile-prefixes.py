# Stress inputs for shortest-tile-prefixes: strings with deep border structure (nearly
# periodic strings with a few mutations, Fibonacci-like words, runs of a repeated block)
# and one a^m b a^m string, where re-verifying candidate tiles by slicing is quadratic.


def _fibonacci_word(size, a, b):
    x, y = a, a + b
    while len(y) < size:
        x, y = y, y + x
    return y[:size]


def generate(size, level, case, rng):
    if level == 0:
        edge_cases = [
            "",
            "z",
            "aaaa",
            "abcab",
            "aabaaab",
            "abacabadabacabae",
            "ééxééxééé",
        ]
        if case < len(edge_cases):
            return (edge_cases[case],)
        return ("".join(rng.choice("ab") for _ in range(60)),)
    kind = case % 4
    if kind == 0:
        block = "".join(rng.choice("abc") for _ in range(rng.randint(3, 12)))
        chars = list((block * (size // len(block) + 1))[:size])
        for _ in range(12):
            chars[rng.randrange(size)] = rng.choice("abcd")
        return ("".join(chars),)
    if kind == 1:
        return (_fibonacci_word(size, *rng.sample("xyz", 2)),)
    if kind == 2:
        parts = []
        total = 0
        while total < size:
            block = "".join(rng.choice("ab") for _ in range(rng.randint(1, 6)))
            part = block * rng.randint(1, 40)
            parts.append(part)
            total += len(part)
        return ("".join(parts)[:size],)
    half = size // 2
    return ("a" * half + "b" + "a" * (size - half - 1),)
