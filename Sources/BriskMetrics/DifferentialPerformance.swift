/// A sample's place among a problem's reference solutions at distinct efficiency levels
/// (EvalPerf's differential performance evaluation, Liu et al.).
public struct PerformanceLevelMatch: Sendable, Equatable {
  /// Index of the matched level (0 = slowest), or nil when the sample is slower than all.
  public var level: Int?
  /// DPS_norm = 100 (j + 1) / L for matched level j of L, 0 when unmatched.
  public var normalizedScore: Double
  /// The problem's declared score for the matched level, or DPS_norm when it declares none.
  public var score: Double

  public init(level: Int?, normalizedScore: Double, score: Double) {
    self.level = level
    self.normalizedScore = normalizedScore
    self.score = score
  }
}

/// Matches a sample's cost against reference levels ordered slow to fast: the sample gets the
/// fastest level whose cost is not below its own. Costs share one unit (Brisk uses each
/// level's time relative to the expert's). `tolerance` (or, per level, `tolerances`) lets a
/// sample within that relative margin of a level's cost match it, so that measurement noise
/// does not demote a sample that is as fast as a level. `levelScores`, when given, has one
/// score per level.
public func matchPerformanceLevel(
  sampleCost: Double, levelCosts: [Double], levelScores: [Double]? = nil, tolerance: Double = 0,
  tolerances: [Double]? = nil
) -> PerformanceLevelMatch {
  let count = levelCosts.count
  let matched = levelCosts.indices.last { index in
    let margin = tolerances.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? tolerance
    return levelCosts[index] * (1 + margin) >= sampleCost
  }
  guard let level = matched, count > 0 else {
    return PerformanceLevelMatch(level: nil, normalizedScore: 0, score: 0)
  }
  let normalized = 100 * Double(level + 1) / Double(count)
  let score = levelScores.flatMap { $0.indices.contains(level) ? $0[level] : nil } ?? normalized
  return PerformanceLevelMatch(level: level, normalizedScore: normalized, score: score)
}
