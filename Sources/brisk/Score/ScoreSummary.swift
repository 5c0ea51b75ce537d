import Brisk
import Foundation

/// The table `brisk score` ends with.
struct ScoreSummary {
  let report: ScoringReport
  let submission: Submission
  /// The store's path as given, so that the suggested command reads the same store.
  var database = "brisk.sqlite"

  /// "1 sample", "2 samples".
  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  var text: String {
    let run = report.run
    var lines = [
      "",
      "Run \(run.id): \(run.model), \(Self.count(submission.sampleCount, "sample")) on "
        + "\(Self.count(Set(report.results.map(\.problemID)).count, "problem")) (\(run.status))",
    ]
    if !report.metrics.isEmpty {
      lines.append(
        TextTable(
          header: ["metric", "value", "95% CI", "problems"],
          rows: report.metrics.map {
            [
              $0.name, Self.format($0),
              "[\(Self.format($0, $0.interval.low)), \(Self.format($0, $0.interval.high))]",
              "\($0.problems)",
            ]
          }
        ).text)
    }
    let grouped = Dictionary(grouping: report.results, by: \.problemID)
    let rows = grouped.keys.sorted().compactMap { id -> [String]? in
      guard let samples = grouped[id] else { return nil }
      let passed = samples.filter { $0.passed == true }.count
      let measured = samples.compactMap(\.efficiency)
      let efficiency =
        measured.isEmpty
        ? "-" : String(format: "%.3f", measured.reduce(0, +) / Double(measured.count))
      let dps = samples.compactMap { $0.passed == true ? $0.dpsNorm : nil }
      let verdicts = Dictionary(grouping: samples.compactMap(\.verdict), by: { $0 })
        .map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", ")
      return [
        id, "\(passed)/\(samples.count)", efficiency,
        dps.isEmpty ? "-" : String(format: "%.0f", dps.reduce(0, +) / Double(dps.count)), verdicts,
      ]
    }
    lines.append("")
    lines.append(
      TextTable(header: ["problem", "passed", "mean eff", "DPS_norm", "verdicts"], rows: rows).text)
    lines.append("")
    if let load = HostLoadSummary(report.results) {
      lines.append("Host load: other processes used \(load.description) while measured.")
    }
    let store = database == "brisk.sqlite" ? "" : " --db \(database)"
    lines.append("Explain a sample: brisk explain\(store) \(run.id) <problem> [<sample>]")
    return lines.joined(separator: "\n")
  }

  static func format(_ metric: MetricValue, _ value: Double? = nil) -> String {
    let number = value ?? metric.value
    return metric.metric.hasPrefix("dps")
      ? String(format: "%.1f", number) : String(format: "%.3f", number)
  }
}
