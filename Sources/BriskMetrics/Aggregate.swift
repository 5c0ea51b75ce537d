/// One problem's samples, as the aggregate metrics take them.
public struct ProblemScores: Sendable, Equatable {
  public var passed: [Bool]
  /// Per-sample efficiency (0 for a failed sample); nil for a correctness-only problem, which
  /// counts for pass@k alone.
  public var efficiencies: [Double]?
  /// Per-sample DPS and DPS_norm; nil for a failed sample or one without a DPE match result.
  public var dps: [Double?]
  public var dpsNorm: [Double?]

  public init(passed: [Bool], efficiencies: [Double]?, dps: [Double?], dpsNorm: [Double?]) {
    self.passed = passed
    self.efficiencies = efficiencies
    self.dps = dps
    self.dpsNorm = dpsNorm
  }
}

/// A metric over problems with its 95% bootstrap interval.
public struct AggregateMetric: Sendable, Equatable {
  /// pass, eff, dps or dps_norm.
  public var metric: String
  public var k: Int?
  public var value: Double
  public var interval: ConfidenceInterval
  /// Problems the mean is over.
  public var problems: Int
}

/// pass@k and eff@k averaged over problems for each reportable k (at most the fewest samples
/// of any problem); DPS and DPS_norm as EvalPerf computes them: per problem the mean over its
/// passing samples, then the mean over problems with at least one passing sample.
public func aggregateMetrics(_ problems: [ProblemScores], ks: [Int]) -> [AggregateMetric] {
  guard let fewest = problems.map(\.passed.count).min(), fewest > 0 else { return [] }
  var result: [AggregateMetric] = []
  func add(_ metric: String, _ k: Int?, _ values: [Double]) {
    guard let (mean, interval) = bootstrapMean(values) else { return }
    result.append(
      AggregateMetric(metric: metric, k: k, value: mean, interval: interval, problems: values.count)
    )
  }
  for k in Set(ks).sorted() where k >= 1 && k <= fewest {
    add(
      "pass", k,
      problems.compactMap {
        passAtK(samples: $0.passed.count, correct: $0.passed.filter { $0 }.count, k: k)
      })
    add("eff", k, problems.compactMap { $0.efficiencies.flatMap { effAtK($0, k: k) } })
  }
  for (metric, path) in [("dps", \ProblemScores.dps), ("dps_norm", \ProblemScores.dpsNorm)] {
    let perProblem = problems.compactMap { scores -> Double? in
      let values = zip(scores.passed, scores[keyPath: path]).compactMap { $0 ? $1 : nil }
      return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
    add(metric, nil, perProblem)
  }
  return result
}
