import Foundation

/// The leaderboard as text: a terminal table, Markdown, CSV or JSON.
public enum LeaderboardText {
  static func value(_ metric: MetricValue?, _ number: Double? = nil) -> String {
    guard let metric else { return "-" }
    let x = number ?? metric.value
    return metric.metric.hasPrefix("dps") ? String(format: "%.1f", x) : String(format: "%.3f", x)
  }

  static func cell(_ metric: MetricValue?) -> String {
    guard let metric else { return "-" }
    return
      "\(value(metric)) [\(value(metric, metric.interval.low)), \(value(metric, metric.interval.high))]"
  }

  static func runLabel(_ entry: LeaderboardEntry, _ board: Leaderboard) -> String {
    label(store: entry.store, run: entry.run.id, board)
  }

  /// A run's label: its id, with its store's name when the board has several stores.
  static func label(store: String, run: Int64, _ board: Leaderboard) -> String {
    guard board.storeCount > 1 else { return "\(run)" }
    return "\(board.storeNames[store] ?? URL(fileURLWithPath: store).lastPathComponent)#\(run)"
  }

  static func rank(_ index: Int, _ entry: LeaderboardEntry) -> String {
    entry.separableFromAbove == false ? "\(index + 1)~" : "\(index + 1)"
  }

  static let note =
    "Intervals are 95% bootstrap intervals over problems. A rank marked ~ is not separable from "
    + "the row above: their eff@1 intervals overlap."

  /// What to say when the rows were measured under different settings; nil when they were not.
  static func caveat(_ board: Leaderboard) -> String? {
    guard !board.settingDifferences.isEmpty else { return nil }
    let differences = board.settingDifferences.map { difference in
      let values = difference.values.map { value in
        let runs = value.entries.map { runLabel(board.entries[$0], board) }
        return
          "\(value.value) (\(runs.count == 1 ? "run" : "runs") \(runs.joined(separator: ", ")))"
      }
      return "\(difference.setting) \(values.joined(separator: ", "))"
    }
    return "These runs were measured under different settings; their figures compare only "
      + "between rows that share them: \(differences.joined(separator: "; "))."
  }

  /// What to say when rows were measured while other processes kept the host busy; nil when
  /// none was.
  static func loadCaveat(_ board: Leaderboard) -> String? {
    let contended = board.entries.compactMap { entry in
      entry.hostLoad.flatMap {
        $0.isContended ? "run \(runLabel(entry, board)), \($0.description)" : nil
      }
    }
    guard !contended.isEmpty else { return nil }
    return "Measured while other processes used the host's CPUs, so efficiencies may have moved: "
      + "\(contended.joined(separator: "; "))."
  }

  /// What to say when rows scored different problems; nil when every row scored the same.
  static func problemsCaveat(_ board: Leaderboard) -> String? {
    guard board.problemsDiffer else { return nil }
    let counts = board.entries.map(\.problems)
    let range =
      (counts.min() ?? 0) == (counts.max() ?? 0)
      ? "\(counts.min() ?? 0)" : "\(counts.min() ?? 0) to \(counts.max() ?? 0)"
    let shared = board.sharedProblems.count
    return "These runs scored different problems (\(range) each, \(shared) scored by every run "
      + "at the same version), so their figures do not compare"
      + (shared > 0
        ? ": --shared-problems ranks them on the problems they share."
        : "; they share no problem, so rank them separately.")
  }

  /// What to say when some rows scored only samples chosen by their correctness; nil when none
  /// did.
  static func selectionCaveat(_ board: Leaderboard) -> String? {
    let chosen = board.entries.filter(\.run.onlyCorrectSamples).map {
      "\(runLabel($0, board)) (\($0.run.model))"
    }
    guard !chosen.isEmpty else { return nil }
    let runs =
      chosen.count == 1
      ? "Run \(chosen[0]) scored" : "Runs \(chosen.joined(separator: ", ")) scored"
    return "\(runs) only the solutions EvalPerf's tests had passed (its published results), so "
      + "pass@k there is over those, not over the model's samples; eff@k and DPE compare "
      + "correct solutions."
  }

  /// What to say when the stores hold runs that have not finished; nil when they do not.
  static func unfinishedCaveat(_ board: Leaderboard) -> String? {
    guard !board.unfinished.isEmpty else { return nil }
    let runs = board.unfinished.map { store, run in
      "\(label(store: store, run: run.id, board)) (\(run.model))"
    }
    return "Not ranked, because not finished: run\(runs.count == 1 ? "" : "s") "
      + "\(runs.joined(separator: ", ")). The same `brisk score` command finishes a run."
  }

  /// What to say when complete runs scored none of the selected problems; nil when none.
  static func withoutSelectedProblemsCaveat(_ board: Leaderboard) -> String? {
    guard !board.withoutSelectedProblems.isEmpty else { return nil }
    let runs = board.withoutSelectedProblems.map { store, run in
      "\(label(store: store, run: run.id, board)) (\(run.model))"
    }
    return "Not ranked, because they scored none of the selected problems: run"
      + "\(runs.count == 1 ? "" : "s") \(runs.joined(separator: ", "))."
  }

  /// What to say when some row's intervals rest on too few problems to mean much (a bootstrap
  /// over one problem has zero width); nil when none does.
  static func fewProblemsCaveat(_ board: Leaderboard) -> String? {
    let few = board.entries.filter { $0.problems < fewProblems }
    guard !few.isEmpty else { return nil }
    let rows = few.map { "run \(runLabel($0, board)) (\($0.problems))" }.joined(separator: ", ")
    return "Intervals over fewer than \(fewProblems) problems say little about the model, however "
      + "narrow: \(rows)."
  }

  /// Below this many problems, a row's bootstrap intervals are flagged.
  static let fewProblems = 5

  /// What to say when a requested k has no column; nil when every one has.
  static func unreportableCaveat(_ board: Leaderboard) -> String? {
    guard !board.unreportableKs.isEmpty else { return nil }
    let ks = board.unreportableKs.map(String.init).joined(separator: ", ")
    return "Not shown: pass@k and eff@k for k = \(ks), since every run has fewer samples than "
      + "that of some problem."
  }

  /// The caveats under a table, each a sentence or two.
  static func caveats(_ board: Leaderboard) -> [String] {
    [
      fewProblemsCaveat(board), problemsCaveat(board), selectionCaveat(board), caveat(board),
      loadCaveat(board),
      unfinishedCaveat(board), withoutSelectedProblemsCaveat(board), unreportableCaveat(board),
    ].compactMap { $0 }
  }

  /// The note under a table, with the caveats when there are any.
  static func notes(_ board: Leaderboard) -> String {
    ([note] + caveats(board)).joined(separator: "\n")
  }

  /// An aligned terminal table.
  public static func table(_ board: Leaderboard) -> String {
    let header = ["rank", "model", "run", "problems"] + board.columns
    let rows = board.entries.enumerated().map { index, entry in
      [rank(index, entry), entry.run.model, runLabel(entry, board), "\(entry.problems)"]
        + board.columns.map { cell(entry.metric($0)) }
    }
    return TextTable(header: header, rows: rows).text + "\n\n" + notes(board)
  }

  /// A GitHub-flavoured Markdown table.
  public static func markdown(_ board: Leaderboard) -> String {
    let header = ["Rank", "Model", "Run", "Problems"] + board.columns
    var lines = [
      "| " + header.joined(separator: " | ") + " |",
      "|" + header.map { _ in "---" }.joined(separator: "|") + "|",
    ]
    for (index, entry) in board.entries.enumerated() {
      let cells =
        [rank(index, entry), escape(entry.run.model), runLabel(entry, board), "\(entry.problems)"]
        + board.columns.map { cell(entry.metric($0)) }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    // A Markdown paragraph ends at a blank line.
    let paragraphs = notes(board).replacingOccurrences(of: "\n", with: "\n\n")
    return lines.joined(separator: "\n") + "\n\n" + paragraphs + "\n"
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }

  /// CSV with one column per value and bound.
  public static func csv(_ board: Leaderboard) -> String {
    var header = ["rank", "model", "store", "run", "problems", "samples", "separable_from_above"]
    for column in board.columns { header += [column, "\(column)_ci_low", "\(column)_ci_high"] }
    header += ["other_cpus", "only_correct_samples", "submission", "started_at"]
    var lines = [header.joined(separator: ",")]
    for (index, entry) in board.entries.enumerated() {
      var cells = [
        "\(index + 1)", quote(entry.run.model), quote(entry.store), "\(entry.run.id)",
        "\(entry.problems)", "\(entry.samples)",
        entry.separableFromAbove.map { $0 ? "true" : "false" } ?? "",
      ]
      for column in board.columns {
        if let metric = entry.metric(column) {
          cells += [
            number(metric.value), number(metric.interval.low), number(metric.interval.high),
          ]
        } else {
          cells += ["", "", ""]
        }
      }
      cells.append(entry.hostLoad.map { number($0.mean) } ?? "")
      cells.append(entry.run.onlyCorrectSamples ? "true" : "false")
      cells.append(quote(entry.run.submission))
      cells.append(ISO8601DateFormatter().string(from: entry.run.startedAt))
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func quote(_ text: String) -> String {
    text.contains(where: { ",\"\n".contains($0) })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  static func number(_ value: Double) -> String { String(format: "%.6f", value) }

  /// JSON: one object per row, metrics keyed by name.
  public static func json(_ board: Leaderboard) throws -> String {
    let rows: [[String: Any]] = board.entries.enumerated().map { index, entry in
      var metrics: [String: Any] = [:]
      for metric in entry.metrics {
        metrics[metric.name] = [
          "value": metric.value, "ci_low": metric.interval.low, "ci_high": metric.interval.high,
          "problems": metric.problems,
        ]
      }
      return [
        "rank": index + 1, "model": entry.run.model, "store": entry.store, "run": entry.run.id,
        "submission": entry.run.submission, "problems": entry.problems, "samples": entry.samples,
        "separable_from_above": entry.separableFromAbove ?? NSNull(), "metrics": metrics,
        "only_correct_samples": entry.run.onlyCorrectSamples, "decoding": entry.run.decoding,
        "started_at": ISO8601DateFormatter().string(from: entry.run.startedAt),
        "other_cpus": entry.hostLoad.map { ["mean": $0.mean, "max": $0.peak] as [String: Any] }
          ?? NSNull(),
      ]
    }
    var object: [String: Any] = ["runs": rows, "columns": board.columns]
    if board.problemsDiffer { object["shared_problems"] = board.sharedProblems }
    if !board.unfinished.isEmpty {
      object["unfinished_runs"] = board.unfinished.map {
        ["store": $0.store, "run": $0.run.id, "model": $0.run.model] as [String: Any]
      }
    }
    if !board.withoutSelectedProblems.isEmpty {
      object["runs_without_selected_problems"] = board.withoutSelectedProblems.map {
        ["store": $0.store, "run": $0.run.id, "model": $0.run.model] as [String: Any]
      }
    }
    if !board.settingDifferences.isEmpty {
      object["settings_differ"] = board.settingDifferences.map { difference in
        [
          "setting": difference.setting,
          "values": difference.values.map { value in
            [
              "value": value.value,
              "runs": value.entries.map {
                ["store": board.entries[$0].store, "run": board.entries[$0].run.id]
              },
            ] as [String: Any]
          },
        ] as [String: Any]
      }
    }
    let data = try JSONSerialization.data(
      withJSONObject: object,
      options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// A plain text table with aligned columns.
public struct TextTable: Sendable {
  public var header: [String]
  public var rows: [[String]]

  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  public var text: String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      var text = zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}
