/// Brisk's own equivalents of the data helpers ENAMEL's generators call (they live in
/// ENAMEL's PyPI package `enam`, not in its CSV): same names, arguments and distributions.
enum EnamelHelpers {
  static let source = #"""
    # Equivalents, written for Brisk, of the helpers ENAMEL's generators expect in scope.


    def rand_parens(size, valid=True, par="()", sep=""):
        """A random string of balanced brackets par[0]/par[1] of even length (size rounded up),
        its top-level groups joined by sep (the list of groups when sep is None). With
        valid=False, two balanced halves around a closing-then-opening pair."""
        if not valid:
            half = (size + 1) // 2 - 1
            return rand_parens(half, True, par) + par[1] + par[0] + rand_parens(half, True, par)
        size += size % 2
        groups, depth = [], 0
        for position in range(size):
            if depth == 0 or (depth < size - position and random.randint(0, 1)):
                if depth == 0:
                    groups.append([])
                groups[-1].append(par[0])
                depth += 1
            else:
                groups[-1].append(par[1])
                depth -= 1
        groups = ["".join(group) for group in groups]
        return groups if sep is None else sep.join(groups)


    def miller_rabin(n, k=5):
        """Whether n is probably prime: k rounds of Miller-Rabin with random witnesses."""
        if n in (2, 3):
            return True
        if n < 2 or n % 2 == 0:
            return False
        odd, twos = n - 1, 0
        while odd % 2 == 0:
            odd //= 2
            twos += 1
        for _ in range(k):
            x = pow(random.randint(2, n - 2), odd, n)
            if x in (1, n - 1):
                continue
            for _ in range(twos - 1):
                x = pow(x, 2, n)
                if x == n - 1:
                    break
            else:
                return False
        return True


    def rand_probably_prime(lb, ub=None):
        """A random probable prime in [lb, ub]; with one bound, in [lb // 2, lb] (Bertrand)."""
        if ub is None:
            lb = max(lb, 3)
            lb, ub = lb // 2, lb
        else:
            lb = max(lb, 0)
            ub = max(lb * 2, ub, 3)
        while True:
            candidate = random.randint(lb, ub)
            if miller_rabin(candidate):
                return candidate


    def rand_primality(size, lid, cid):
        """A number for primality problems: fixed hard cases at level 0 (a product of the first
        primes plus one, which is composite; Carmichael's 561; 2; 125), then in turn a prime, the
        square of a prime and the product of two primes, near size."""
        size = max(size, 4)
        fixed = {0: 2 * 3 * 5 * 7 * 11 * 13 + 1, 1: 561, 2: 2, 3: 125}
        if lid == 0 and cid in fixed:
            return fixed[cid]
        root = int(size ** 0.5 + 1)
        if cid % 3 == 0:
            return rand_probably_prime(size)
        if cid % 3 == 1:
            return rand_probably_prime(root) ** 2
        return rand_probably_prime(root) * rand_probably_prime(root)
    """#
}
