import BriskMetrics
import Foundation

/// Two runs side by side on the problems both scored.
public struct RunComparison: Sendable {
  public struct ProblemRow: Sendable, Equatable {
    public var problem: String
    public var passA: Double
    public var passB: Double
    /// Nil for a correctness-only problem.
    public var effA: Double?
    public var effB: Double?
  }

  public var runA: StoredRun
  public var runB: StoredRun
  /// The stores the runs came from, as given.
  public var storeA: String
  public var storeB: String
  public var rows: [ProblemRow]
  /// Problem ids both runs scored, but at different versions (an edited problem, or another
  /// benchmark's problem under the same id): different problems, left out of the figures.
  public var differentVersions: [String] = []
  /// Mean over common problems of A's pass@1 minus B's, and its p-value (`testName`).
  public var passDifference: Double
  public var passPValue: Double
  public var effDifference: Double
  public var effPValue: Double
  /// The share of problems where A's eff@1 beats B's, ties counting half.
  public var winRate: Double
  /// The problems both runs measured efficiency on (correctness-only ones have none).
  public var effProblems: Int
  /// The paired test behind a p-value over `problems` problems: the exact sign-flip test up
  /// to `exactTestProblems`, the bootstrap above.
  public static func testName(problems: Int) -> String {
    problems <= exactTestProblems ? "exact sign-flip" : "paired bootstrap"
  }
  /// Up to this many problems, every sign assignment is enumerated (2^12 of them).
  public static let exactTestProblems = 12

  static func pValue(_ differences: [Double]) -> Double {
    (differences.count <= exactTestProblems
      ? pairedSignFlipPValue(differences, maximumUnits: exactTestProblems)
      : pairedBootstrapPValue(differences)) ?? 1
  }
  /// How busy other processes kept the host while each run was measured.
  public var loadA: HostLoadSummary?
  public var loadB: HostLoadSummary?

  /// Compares `a` and `b` (each a run in a store) on the problems both scored.
  public static func compare(
    _ a: (path: String, store: BriskStore, run: Int64),
    _ b: (path: String, store: BriskStore, run: Int64)
  ) throws -> RunComparison {
    guard let runA = try a.store.run(a.run) else {
      throw BriskError("\(a.path): no run \(a.run) in this store")
    }
    guard let runB = try b.store.run(b.run) else {
      throw BriskError("\(b.path): no run \(b.run) in this store")
    }
    if a.run == b.run && BriskStore.canonicalPath(a.path) == BriskStore.canonicalPath(b.path) {
      throw BriskError(
        "A and B are the same run (\(a.run) in \(a.path)): name two runs; FILE:ID takes one "
          + "from another store")
    }
    for run in [runA, runB] where run.status != "complete" {
      throw BriskError(
        "run \(run.id) (\(run.model)) is not finished, so its figures would count unmeasured "
          + "samples as failures: the same `brisk score` command finishes it")
    }
    func perProblem(_ results: [SampleResult]) -> [String: (pass: Double, eff: Double?)] {
      Dictionary(grouping: results, by: \.problemID).mapValues { samples in
        let n = Double(samples.count)
        let measured = samples.contains { $0.efficiency != nil }
        return (
          Double(samples.filter { $0.passed == true }.count) / n,
          measured ? samples.map { $0.efficiency ?? 0 }.reduce(0, +) / n : nil
        )
      }
    }
    let resultsA = try a.store.sampleResults(runID: a.run)
    let resultsB = try b.store.sampleResults(runID: b.run)
    let left = perProblem(resultsA)
    let right = perProblem(resultsB)
    let versionsA = try a.store.problemVersions(runID: a.run)
    let versionsB = try b.store.problemVersions(runID: b.run)
    let shared = Set(left.keys).intersection(right.keys)
    let differentVersions = shared.filter { versionsA[$0] != versionsB[$0] }.sorted()
    let common = shared.subtracting(differentVersions).sorted()
    guard !common.isEmpty else {
      throw BriskError(
        "runs \(a.run) and \(b.run) have no scored problem in common"
          + (differentVersions.isEmpty
            ? ""
            : ": the \(differentVersions.count) problem id\(differentVersions.count == 1 ? "" : "s") "
              + "they share (\(differentVersions.prefix(3).joined(separator: ", "))"
              + "\(differentVersions.count > 3 ? ", ..." : "")) were scored at different versions, "
              + "so they are different problems"))
    }
    let rows = common.compactMap { id -> ProblemRow? in
      guard let l = left[id], let r = right[id] else { return nil }
      return ProblemRow(problem: id, passA: l.pass, passB: r.pass, effA: l.eff, effB: r.eff)
    }
    let passDiffs = rows.map { $0.passA - $0.passB }
    let effPairs = rows.compactMap { row in row.effA.flatMap { a in row.effB.map { (a, $0) } } }
    let effDiffs = effPairs.map { $0.0 - $0.1 }
    let wins = effPairs.map { abs($0.0 - $0.1) < 1e-12 ? 0.5 : ($0.0 > $0.1 ? 1 : 0) }
    return RunComparison(
      runA: runA, runB: runB, storeA: a.path, storeB: b.path, rows: rows,
      differentVersions: differentVersions,
      passDifference: passDiffs.reduce(0, +) / Double(rows.count),
      passPValue: pValue(passDiffs),
      effDifference: effDiffs.isEmpty ? 0 : effDiffs.reduce(0, +) / Double(effDiffs.count),
      effPValue: pValue(effDiffs),
      winRate: wins.isEmpty ? 0.5 : wins.reduce(0, +) / Double(wins.count),
      effProblems: effDiffs.count,
      loadA: HostLoadSummary(resultsA), loadB: HostLoadSummary(resultsB))
  }

  /// The comparison as text for the terminal.
  public var text: String {
    func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
    func signed(_ value: Double) -> String { String(format: "%+.3f", value) }
    let table = TextTable(
      header: ["problem", "pass@1 A", "pass@1 B", "eff@1 A", "eff@1 B", "eff@1 A-B"],
      rows: rows.map { row in
        [
          row.problem, f(row.passA), f(row.passB), f(row.effA), f(row.effB),
          row.effA.flatMap { a in row.effB.map { signed(a - $0) } } ?? "-",
        ]
      })
    // Each differing setting as "estimator A "x", B "y"".
    let differences = SettingDifference.between([runA.configuration, runB.configuration]).map {
      let values = $0.values.map { value in
        value.entries.map { $0 == 0 ? "A" : "B" }.joined(separator: ", ") + " " + value.value
      }
      return "\($0.setting) \(values.joined(separator: ", "))"
    }
    let caveat =
      differences.isEmpty
      ? ""
      : "\nMeasured under different settings, so eff@1 may differ for that reason alone: "
        + differences.joined(separator: "; ") + ".\n"
    let contended = [("A", loadA), ("B", loadB)].compactMap { name, load in
      load.flatMap { $0.isContended ? "\(name) while they used \($0.description)" : nil }
    }
    let loadCaveat =
      contended.isEmpty
      ? ""
      : "\nMeasured while other processes used the host's CPUs, so eff@1 may differ for that "
        + "reason alone: \(contended.joined(separator: "; ")).\n"
    let chosen = [("A", runA), ("B", runB)].filter { $0.1.onlyCorrectSamples }.map(\.0)
    let selectionCaveat =
      chosen.isEmpty
      ? ""
      : "\n\(chosen.joined(separator: " and ")) scored only the solutions EvalPerf's tests had "
        + "passed (its published results), so pass@1 there is not the model's.\n"
    let versionCaveat =
      differentVersions.isEmpty
      ? ""
      : "\nLeft out \(differentVersions.count) problem id\(differentVersions.count == 1 ? "" : "s") "
        + "both runs scored, but at different versions (edited, or another benchmark's problem "
        + "under the same id): \(differentVersions.prefix(5).joined(separator: ", "))"
        + "\(differentVersions.count > 5 ? ", ..." : "").\n"
    // Runs from two stores are told apart by their store.
    let twoStores = storeA != storeB
    let effLine =
      effProblems == 0
      ? "eff@1   n/a: no common problem has efficiency figures in both runs (correctness-only)"
      : "eff@1   A-B \(signed(effDifference))  \(Self.testName(problems: effProblems)) p = "
        + String(format: "%.4f", effPValue)
    // With few problems the exact test cannot reach small p-values: say how small it can go.
    let floor =
      rows.count <= Self.exactTestProblems
      ? "\nWith \(rows.count) problem\(rows.count == 1 ? "" : "s"), the exact test's smallest p is "
        + String(format: "%.4g", min(1, 2 / pow(2, Double(rows.count))))
        + ": compare on more problems for a firmer answer." : ""
    return """
      A: run \(runA.id) \(runA.model)\(twoStores ? " (\(storeA))" : "")
      B: run \(runB.id) \(runB.model)\(twoStores ? " (\(storeB))" : "")
      \(caveat)\(loadCaveat)\(selectionCaveat)\(versionCaveat)
      \(table.text)

      \(rows.count) problem\(rows.count == 1 ? "" : "s") in common.
      pass@1  A-B \(signed(passDifference))  \(Self.testName(problems: rows.count)) p = \(String(format: "%.4f", passPValue))
      \(effLine)
      win rate of A on eff@1: \(effProblems == 0 ? "n/a" : String(format: "%.3f", winRate)) (ties count half)\(floor)
      """
  }
}
