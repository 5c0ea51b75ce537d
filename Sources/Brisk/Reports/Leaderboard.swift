import BriskMetrics
import Foundation

/// One row of a leaderboard: a run, with metrics computed over the selected problems.
public struct LeaderboardEntry: Sendable {
  /// The store the run came from.
  public var store: String
  public var run: StoredRun
  public var metrics: [MetricValue]
  public var problems: Int
  public var samples: Int
  /// eff@k for every k from 1 to the fewest samples of any problem.
  public var effCurve: [(k: Int, value: Double)]
  /// Passing samples per matched DPE level (nil key: slower than every level).
  public var dpeLevels: [Int?: Int]
  /// The number of DPE levels of the run's problems (the largest).
  public var dpeLevelCount: Int
  /// Mean efficiency per problem.
  public var problemEfficiency: [String: Double]
  /// False when this row's eff@1 interval overlaps the row above: the order of the two is not
  /// supported by the data.
  public var separableFromAbove: Bool

  public func metric(_ name: String) -> MetricValue? { metrics.first { $0.name == name } }
}

/// Runs ranked by eff@1, from one or more stores.
public struct Leaderboard: Sendable {
  public var entries: [LeaderboardEntry]
  /// The metric columns present in at least one row, in display order.
  public var columns: [String]
  /// Every problem any run scored, sorted.
  public var problems: [String]
  public var generatedAt: Date

  /// Builds the leaderboard of every complete run in `stores`, restricted to problems
  /// accepted by `includes`.
  public static func build(
    stores: [(path: String, store: BriskStore)], ks: [Int] = [1, 10, 100],
    includes: (String) -> Bool = { _ in true }
  ) throws -> Leaderboard {
    var entries: [LeaderboardEntry] = []
    for (path, store) in stores {
      for run in try store.runs() where run.status == "complete" {
        let results = try store.sampleResults(runID: run.id).filter { includes($0.problemID) }
        guard !results.isEmpty else { continue }
        entries.append(try entry(run: run, results: results, store: store, path: path, ks: ks))
      }
    }
    entries.sort { ($0.metric("eff@1")?.value ?? -1) > ($1.metric("eff@1")?.value ?? -1) }
    for index in entries.indices.dropFirst() {
      let above = entries[index - 1].metric("eff@1")?.interval
      let here = entries[index].metric("eff@1")?.interval
      if let above, let here { entries[index].separableFromAbove = here.high < above.low }
    }
    // pass@k by k, then eff@k by k, then DPS and DPS_norm.
    let families = ["pass", "eff", "dps", "dps_norm"]
    let present = Set(entries.flatMap { $0.metrics.map { MetricKey(metric: $0.metric, k: $0.k) } })
    let columns = present.sorted {
      (families.firstIndex(of: $0.metric) ?? 9, $0.k ?? 0) < (
        families.firstIndex(of: $1.metric) ?? 9, $1.k ?? 0
      )
    }.map(\.name)
    return Leaderboard(
      entries: entries, columns: columns,
      problems: Set(entries.flatMap { $0.problemEfficiency.keys }).sorted(), generatedAt: Date())
  }

  static func entry(
    run: StoredRun, results: [SampleResult], store: BriskStore, path: String, ks: [Int]
  ) throws -> LeaderboardEntry {
    let metrics = Scorer.metrics(results, ks: ks)
    let grouped = Dictionary(grouping: results, by: \.problemID)
    // Correctness-only problems store no efficiency: they count for pass@k alone.
    let measured = grouped.filter { $0.value.contains { $0.efficiency != nil } }
    let fewest = measured.values.map(\.count).min() ?? 0
    let curve = (fewest > 0 ? Array(1...fewest) : []).compactMap { k -> (k: Int, value: Double)? in
      let perProblem = measured.values.compactMap { effAtK($0.map { $0.efficiency ?? 0 }, k: k) }
      guard !perProblem.isEmpty else { return nil }
      return (k, perProblem.reduce(0, +) / Double(perProblem.count))
    }
    var levels: [Int?: Int] = [:]
    for result in results where result.passed == true { levels[result.dpeLevel, default: 0] += 1 }
    let levelCount = try store.dpeLevelCount(runID: run.id)
    let efficiency = measured.mapValues { samples in
      samples.map { $0.efficiency ?? 0 }.reduce(0, +) / Double(max(samples.count, 1))
    }
    return LeaderboardEntry(
      store: path, run: run, metrics: metrics, problems: grouped.count, samples: results.count,
      effCurve: curve, dpeLevels: levels, dpeLevelCount: levelCount,
      problemEfficiency: efficiency, separableFromAbove: true)
  }
}

/// A metric's identity, for ordering columns.
struct MetricKey: Hashable {
  var metric: String
  var k: Int?
  var name: String { k.map { "\(metric)@\($0)" } ?? metric }
}
