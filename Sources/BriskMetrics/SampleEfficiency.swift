/// How one sample fared on one test level.
public enum LevelOutcome: Sendable, Equatable {
  /// Every test answered correctly within the limits; `sampleTime` is the largest of the
  /// level's per-test times.
  case measured(sampleTime: Double)
  /// A time or memory limit ended a test of this level.
  case limitExceeded
  /// A wrong answer or an error on a test of this level.
  case failed
}

/// One level of a problem's tests, as measured for one sample.
public struct LevelResult: Sendable, Equatable {
  /// The level's weight in the sample's efficiency (level 0 has weight 0).
  public var weight: Double
  /// The largest of the reference's per-test times on this level, in the same unit as the
  /// sample's (ignored when the weight is 0).
  public var referenceTime: Double
  public var outcome: LevelOutcome

  public init(weight: Double, referenceTime: Double, outcome: LevelOutcome) {
    self.weight = weight
    self.referenceTime = referenceTime
    self.outcome = outcome
  }
}

/// A sample's efficiency on one problem, as ENAMEL defines it.
public struct SampleEfficiency: Sendable, Equatable {
  /// False after a wrong answer or error anywhere, or a limit at level 0.
  public var passed: Bool
  /// e per level: max(0, T - t) / (T - r); 0 from the first level a limit ended.
  public var levelEfficiencies: [Double]
  /// The weighted mean of `levelEfficiencies` (0 when not passed).
  public var efficiency: Double
  /// The time limit T = alpha x the largest reference time over weighted levels.
  public var timeLimit: Double
  /// The first level whose tests hit a limit, if any.
  public var limitLevel: Int?

  public init(
    passed: Bool, levelEfficiencies: [Double], efficiency: Double, timeLimit: Double,
    limitLevel: Int?
  ) {
    self.passed = passed
    self.levelEfficiencies = levelEfficiencies
    self.efficiency = efficiency
    self.timeLimit = timeLimit
    self.limitLevel = limitLevel
  }
}

/// Scores one sample from its per-level results (ENAMEL's semantics): T = alpha x the largest
/// reference time over weighted levels; per level e = max(0, T - t) / (T - r), so 0 for a level
/// slower than T. A wrong answer or an error anywhere fails the sample; a limit (a call beyond
/// T and the problem's slack, which the measurer reports as `limitExceeded`) at level 0 fails
/// it; at a later level it zeroes that level and those after, and the sample still passes.
public func sampleEfficiency(levels: [LevelResult], alpha: Double) -> SampleEfficiency {
  let weighted = levels.filter { $0.weight > 0 }
  let timeLimit = alpha * (weighted.map(\.referenceTime).max() ?? 0)
  let zeros = [Double](repeating: 0, count: levels.count)
  var efficiencies = zeros
  var limitLevel: Int?
  for (index, level) in levels.enumerated() {
    switch level.outcome {
    case .failed:
      return SampleEfficiency(
        passed: false, levelEfficiencies: zeros, efficiency: 0, timeLimit: timeLimit,
        limitLevel: nil)
    case .limitExceeded:
      limitLevel = index
    case .measured(let time):
      if timeLimit > level.referenceTime {
        efficiencies[index] = max(0, timeLimit - time) / (timeLimit - level.referenceTime)
      }
    }
    if limitLevel != nil { break }
  }
  if limitLevel == 0 {
    return SampleEfficiency(
      passed: false, levelEfficiencies: zeros, efficiency: 0, timeLimit: timeLimit, limitLevel: 0)
  }
  let totalWeight = levels.map(\.weight).reduce(0, +)
  let efficiency =
    totalWeight > 0
    ? zip(levels, efficiencies).map { $0.weight * $1 }.reduce(0, +) / totalWeight : 0
  return SampleEfficiency(
    passed: true, levelEfficiencies: efficiencies, efficiency: efficiency, timeLimit: timeLimit,
    limitLevel: limitLevel)
}
