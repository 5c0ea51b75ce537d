import Foundation

/// One group of tests: inputs of one size, a number of cases, a weight in the efficiency.
public struct TestLevel: Sendable, Equatable, Codable {
  /// The size passed to the generator.
  public var size: Int
  /// How many cases the level has.
  public var tests: Int
  /// The level's weight in a sample's efficiency; level 0 (correctness) has weight 0.
  public var weight: Double
}

/// A solution written for a problem: the expert reference, a DPE level or a known-bad one.
public struct SolutionFile: Sendable, Equatable {
  /// Path relative to the problem's directory, as the manifest names it.
  public var path: String
  public var source: String
}

/// A reference solution at one efficiency level (slow to fast; the expert is the last).
public struct PerformanceLevel: Sendable, Equatable {
  public var solution: SolutionFile
  /// EvalPerf-style score of this level, when the problem declares one.
  public var score: Double?
}

/// A solution that must not score well, and how it must fail.
public struct KnownBadSolution: Sendable, Equatable {
  public enum Expectation: String, Sendable, Codable, CaseIterable {
    /// A wrong answer or an error on some test.
    case rejected
    /// Correct, but it must lose efficiency against the expert.
    case slower
  }

  public var solution: SolutionFile
  public var expectation: Expectation
  /// Why it is bad, for the author's benefit.
  public var why: String?
}

/// A problem Brisk measures against: what a model is asked, the expert's answer that sets the
/// bar, references at distinct efficiency levels, known-bad solutions, and a stress-input
/// generator. A pure value: `ProblemLoader` reads it from disk.
public struct Problem: Sendable, Equatable {
  public var id: String
  public var title: String
  public var tags: [String]
  /// The function a solution must define.
  public var entryPoint: String
  /// Exactly what a model is given: the signature and docstring.
  public var prompt: String
  /// The expert reference: the fastest DPE level, which sets the efficiency bar.
  public var reference: SolutionFile
  /// Slow to fast; the last is `reference`.
  public var performanceLevels: [PerformanceLevel]
  public var knownBad: [KnownBadSolution]
  public var levels: [TestLevel]
  /// Time-limit factor: T = alpha x the largest reference time over weighted levels.
  public var alpha: Double
  /// Address space a solution may use per call.
  public var memoryBytes: Int
  /// Hard cap on one call's CPU time, whatever the reference's.
  public var timeout: Double
  public var checker: CheckerKind
  /// For correctness-only problems (HumanEval's own tests): code defining
  /// `check(candidate)`, run after the solution in its namespace; such a problem has one test
  /// and no generator, and measures no efficiency.
  public var assertions: String?
  /// Host path of the generator (Generators/<id>.py).
  public var generatorPath: String
  /// Host path of the problem's directory.
  public var directory: String
  /// Base seed mixed into every test's seed.
  public var seed: UInt64
  /// Hash of every file that defines the problem: a new version means new tests.
  public var version: String
  /// Seconds beyond T before a call is a time limit (ENAMEL's tolerance, 10 ms): a call
  /// slower than T scores 0 on its level, but only one beyond T + slack stops the sample, so
  /// that microseconds of noise around a microsecond T never decide pass or fail.
  public var limitSlack: Double = ProblemManifest.defaultLimitSlack
  /// An OverflowError on a stress level ends the sample's levels there, as a time limit does,
  /// instead of failing it: ENAMEL's rule (its large inputs overflow float conversions in
  /// solutions that are right at small sizes). Off for Brisk's own problems.
  public var overflowIsLimit = false
  /// The dataset an imported problem came from (`imported_from` in problem.toml).
  public var importedFrom: String?

  /// Index of the level used to compare costs for DPE (the top level).
  public var performanceTestLevel: Int { levels.count - 1 }

  /// Whether any level counts toward efficiency (correctness-only problems have none).
  public var measuresEfficiency: Bool { levels.contains { $0.weight > 0 } }
}
