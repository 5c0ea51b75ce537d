import Foundation

/// Writes a new problem from commented templates: a complete, working example (counting pairs
/// that sum to a target) that passes `brisk problem check` as written, for the author to
/// reshape into their own problem.
public struct ProblemScaffold: Sendable {
  public let loader: ProblemLoader

  public init(loader: ProblemLoader) {
    self.loader = loader
  }

  /// The files written, relative to the problem set.
  public func create(_ id: String) throws -> [String] {
    guard id.range(of: #"^[a-z0-9][a-z0-9_-]*$"#, options: .regularExpression) != nil else {
      throw BriskError(
        "\(id): a new problem's id may hold lowercase letters, digits, '_' and '-', starting "
          + "with a letter or digit")
    }
    let directory = loader.problemsDirectory.appendingPathComponent(id)
    let generator = loader.generatorsDirectory.appendingPathComponent("\(id).py")
    let files = FileManager.default
    for existing in [directory, generator] where files.fileExists(atPath: existing.path) {
      throw BriskError("\(existing.path) already exists: choose another id or remove it")
    }
    let entries: [(URL, String)] = [
      (directory.appendingPathComponent("problem.toml"), Self.manifest),
      (directory.appendingPathComponent("prompt.py"), Self.prompt),
      (directory.appendingPathComponent("reference.py"), Self.reference),
      (directory.appendingPathComponent("dpe/sort_and_scan.py"), Self.sortAndScan),
      (directory.appendingPathComponent("dpe/binary_search.py"), Self.binarySearch),
      (directory.appendingPathComponent("bad/counts_ordered_pairs.py"), Self.orderedPairs),
      (directory.appendingPathComponent("bad/quadratic.py"), Self.quadratic),
      (generator, Self.generator),
    ]
    for (url, text) in entries {
      try files.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let root = loader.problemsDirectory.deletingLastPathComponent().path + "/"
    return entries.map { $0.0.path.replacingOccurrences(of: root, with: "") }
  }

  static let manifest = """
    # A Brisk problem. Every field is documented in Problems/README.md.
    title = "Pairs that sum to a target"
    # The function a solution must define; prompt.py declares it.
    entry_point = "count_pairs"
    tags = ["arrays", "hashing"]
    # Time limit T = alpha x the expert's largest time over the weighted levels (ENAMEL: 2).
    # A level slower than T scores 0; a call beyond T + limit_slack_s is a time limit.
    alpha = 2.0
    limit_slack_s = 0.01
    # Address space one call may use, and the hard cap on one call's CPU time.
    memory_mib = 1024
    timeout_s = 10

    # How outputs are compared: exact (Python ==), float (tolerance = 1e-9),
    # unordered (a list in any order) or custom (file = "checker.py" defining
    # check(args, expected, output) -> bool).
    [checker]
    kind = "exact"

    # Level 0 checks correctness (weight 0); the others stress efficiency. The generator gets
    # each level's size. Size the top level so that the expert takes at least 20 ms there.
    [[levels]]
    size = 8
    tests = 8
    weight = 0

    [[levels]]
    size = 2000
    tests = 4
    weight = 3

    [[levels]]
    size = 20000
    tests = 4
    weight = 3

    [[levels]]
    size = 200000
    tests = 4
    weight = 4

    # Reference solutions from slow to fast, at least 1.25x apart on the top level's heaviest
    # test; the expert (reference.py) is the fastest and comes last. A level may carry
    # score = N for EvalPerf-style DPS.
    [[dpe]]
    file = "dpe/binary_search.py"

    [[dpe]]
    file = "dpe/sort_and_scan.py"

    [[dpe]]
    file = "reference.py"

    # Solutions the tests must catch: "rejected" ones give a wrong answer somewhere,
    # "slower" ones are correct but must score at most 0.85.
    [[known_bad]]
    file = "bad/counts_ordered_pairs.py"
    expect = "rejected"
    why = "counts (i, j) and (j, i) separately"

    [[known_bad]]
    file = "bad/quadratic.py"
    expect = "slower"
    why = "tries every pair"

    """

  static let prompt = #"""
    def count_pairs(values: list[int], target: int) -> int:
        """Return how many pairs of positions i < j have values[i] + values[j] == target.

        >>> count_pairs([1, 2, 3, 4, 3], 6)
        2
        >>> count_pairs([], 5)
        0
        """

    """#

  static let reference = #"""
    # The expert reference: the fastest correct solution, which sets the efficiency bar.
    # Counting in C (Counter) and then visiting each distinct value once beats a Python loop
    # over every element.
    from collections import Counter


    def count_pairs(values: list[int], target: int) -> int:
        """Return how many pairs of positions i < j have values[i] + values[j] == target."""
        counts = Counter(values)
        pairs = 0
        for value, count in counts.items():
            other = target - value
            if value < other:
                pairs += count * counts.get(other, 0)
            elif value == other:
                pairs += count * (count - 1) // 2
        return pairs

    """#

  static let sortAndScan = #"""
    # A DPE level: O(n log n), sorting and then walking from both ends.
    def count_pairs(values: list[int], target: int) -> int:
        ordered = sorted(values)
        low, high, pairs = 0, len(ordered) - 1, 0
        while low < high:
            total = ordered[low] + ordered[high]
            if total < target:
                low += 1
            elif total > target:
                high -= 1
            elif ordered[low] == ordered[high]:
                run = high - low + 1
                pairs += run * (run - 1) // 2
                break
            else:
                left = right = 1
                while low + left < high and ordered[low + left] == ordered[low]:
                    left += 1
                while high - right > low and ordered[high - right] == ordered[high]:
                    right += 1
                pairs += left * right
                low += left
                high -= right
        return pairs

    """#

  static let binarySearch = #"""
    # A DPE level: O(n log n) with a binary search per element, slower than one sort and scan.
    from bisect import bisect_left, bisect_right


    def count_pairs(values: list[int], target: int) -> int:
        ordered = sorted(values)
        pairs = 0
        for i, value in enumerate(ordered):
            want = target - value
            pairs += bisect_right(ordered, want, i + 1) - bisect_left(ordered, want, i + 1)
        return pairs

    """#

  static let orderedPairs = #"""
    # Known bad (rejected): counts every pair twice.
    from collections import Counter


    def count_pairs(values: list[int], target: int) -> int:
        counts = Counter(values)
        return sum(counts[value] * counts[target - value] for value in counts)

    """#

  static let quadratic = #"""
    # Known bad (slower): correct, but O(n^2).
    def count_pairs(values: list[int], target: int) -> int:
        pairs = 0
        for i in range(len(values)):
            for j in range(i + 1, len(values)):
                if values[i] + values[j] == target:
                    pairs += 1
        return pairs

    """#

  static let generator = #"""
    # Stress inputs for the problem of the same name in Problems/.
    #
    # generate(size, level, case, rng) returns the positional arguments of one call, as a
    # tuple. Draw every random choice from rng (a random.Random seeded from the problem's
    # version, the level, the case and the seed): the same arguments must come out every time.
    # Level 0 is for correctness: cover edge cases there.


    def generate(size, level, case, rng):
        if level == 0:
            edge_cases = [
                ([], 5),
                ([5], 10),
                ([3, 3], 6),
                ([3, 3, 3], 6),
                ([1, 2, 3, 4, 3], 6),
                ([-2, 2, 0, 0], 0),
                ([10**12, -(10**12), 0], 0),
            ]
            if case < len(edge_cases):
                return edge_cases[case]
        spread = max(4, size // 2)
        values = [rng.randint(-spread, spread) for _ in range(size)]
        return (values, rng.randint(-spread, spread))

    """#
}
