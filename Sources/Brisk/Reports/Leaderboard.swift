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
  /// supported by the data. Nil on the first row, which has no row above.
  public var separableFromAbove: Bool?
  /// How busy other processes kept the host while the run's samples were measured; nil when
  /// no sample has a figure.
  public var hostLoad: HostLoadSummary?

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
  /// The measurement settings that differ between rows (the meter, the estimator, the
  /// repetition rule...), each with its values and the rows measured under each: figures
  /// compare only between rows that share them. Empty when every row does.
  public var settingDifferences: [SettingDifference] = []
  /// The problems every row scored.
  public var sharedProblems: [String] = []
  /// True when some row scored problems another did not: their figures do not compare, and
  /// `sharedProblemsOnly` ranks them on `sharedProblems`.
  public var problemsDiffer = false
  /// The k values asked for that no row can report (some problem of every row has fewer
  /// samples than k).
  public var unreportableKs: [Int] = []
  /// Runs in the stores that have not finished, which the board leaves out (store, run).
  public var unfinished: [(store: String, run: StoredRun)] = []
  /// Complete runs left out because they scored none of the problems `--problems` selects
  /// (or, with `sharedProblemsOnly`, none of those every row shares).
  public var withoutSelectedProblems: [(store: String, run: StoredRun)] = []
  /// How many stores the board was built from: with more than one, a run is named with its
  /// store (`results.sqlite#3`), even when the rows left (`--latest`) come from one.
  public var storeCount = 1
  /// Each store's name in run labels: its file name, with as many of its folders as set it
  /// apart from the other stores' (`x/s.sqlite` and `y/s.sqlite`).
  public var storeNames: [String: String] = [:]

  /// The shortest trailing part of each path that no other path ends with.
  public static func distinguishingNames(_ paths: [String]) -> [String: String] {
    let distinct = Array(Set(paths))
    let parts = Dictionary(
      uniqueKeysWithValues: distinct.map { ($0, $0.split(separator: "/").map(String.init)) })
    var names: [String: String] = [:]
    for path in distinct {
      let own = parts[path] ?? []
      var count = 1
      while count < own.count,
        distinct.contains(where: { other in
          other != path && (parts[other] ?? []).suffix(count) == own.suffix(count)
        })
      {
        count += 1
      }
      names[path] = count >= own.count ? path : own.suffix(count).joined(separator: "/")
    }
    return names
  }

  /// Builds the leaderboard of every complete run in `stores`, restricted to problems
  /// accepted by `includes`; with `latestOnly`, of each model's newest complete run (by start
  /// time, across the stores); with `sharedProblemsOnly`, on the problems every such run scored.
  public static func build(
    stores: [(path: String, store: BriskStore)], ks: [Int] = [1, 10, 100],
    includes: (String) -> Bool = { _ in true }, latestOnly: Bool = false,
    sharedProblemsOnly: Bool = false
  ) throws -> Leaderboard {
    var runs: [(path: String, store: BriskStore, run: StoredRun)] = []
    var unfinished: [(path: String, run: StoredRun)] = []
    for (path, store) in stores {
      let stored = try store.runs()
      runs += stored.filter { $0.status == "complete" }.map { (path, store, $0) }
      unfinished += stored.filter { $0.status != "complete" }.map { (path, $0) }
    }
    guard !runs.isEmpty else {
      throw BriskError(nothingComplete(paths: stores.map(\.path), unfinished: unfinished))
    }
    if latestOnly {
      let newest = Dictionary(grouping: runs, by: \.run.model).compactMapValues { runs in
        runs.max { ($0.run.startedAt, $0.run.id) < ($1.run.startedAt, $1.run.id) }
      }
      runs = runs.filter { candidate in
        newest[candidate.run.model].map {
          $0.path == candidate.path && $0.run.id == candidate.run.id
        } ?? false
      }
    }
    var selected:
      [(
        path: String, store: BriskStore, run: StoredRun, results: [SampleResult],
        versions: [String: String]
      )] = []
    var allScored: Set<String> = []
    var withoutSelected: [(store: String, run: StoredRun)] = []
    for (path, store, run) in runs {
      let stored = try store.sampleResults(runID: run.id)
      allScored.formUnion(stored.map(\.problemID))
      let results = stored.filter { includes($0.problemID) }
      if results.isEmpty {
        withoutSelected.append((path, run))
      } else {
        selected.append((path, store, run, results, try store.problemVersions(runID: run.id)))
      }
    }
    guard !selected.isEmpty else {
      let examples = allScored.sorted().prefix(3).joined(separator: ", ")
      throw BriskError(
        "--problems matches none of the \(allScored.count) problems the runs scored "
          + "(\(examples)\(allScored.count > 3 ? ", ..." : "")): patterns are shell globs "
          + "matched against whole problem ids, such as 'HumanEval_*'")
    }
    // A problem is its id at one version: the same id edited, or another benchmark's problem
    // under that id, is a different problem.
    func key(_ id: String, _ versions: [String: String]) -> String {
      id + "\u{0}" + (versions[id] ?? "")
    }
    let scored = selected.map { run in Set(run.results.map { key($0.problemID, run.versions) }) }
    let sharedKeys = scored.dropFirst().reduce(scored.first ?? []) { $0.intersection($1) }
    let shared = Set(sharedKeys.map { String($0.prefix { $0 != "\u{0}" }) })
    if sharedProblemsOnly && shared.isEmpty {
      throw BriskError(
        "the runs share no problem, so --shared-problems leaves nothing to rank: leave it out, "
          + "or choose runs that share problems (--db, --latest, --problems)")
    }
    var entries: [LeaderboardEntry] = []
    for (path, store, run, results, versions) in selected {
      let kept =
        sharedProblemsOnly
        ? results.filter { sharedKeys.contains(key($0.problemID, versions)) } : results
      guard !kept.isEmpty else {
        withoutSelected.append((path, run))
        continue
      }
      // Rows rank by eff@1 whatever k the board shows: computed always, shown when asked.
      entries.append(
        try entry(
          run: run, results: kept, store: store, path: path, ks: Array(Set(ks + [1])).sorted()))
    }
    // A row without eff@1 (correctness-only problems) goes below every row with one.
    entries.sort {
      ($0.metric("eff@1")?.value ?? -1, $0.metric("pass@1")?.value ?? -1)
        > ($1.metric("eff@1")?.value ?? -1, $1.metric("pass@1")?.value ?? -1)
    }
    for index in entries.indices.dropFirst() {
      let above = entries[index - 1].metric("eff@1")?.interval
      let here = entries[index].metric("eff@1")?.interval
      if let above, let here {
        entries[index].separableFromAbove = here.high < above.low
      } else {
        entries[index].separableFromAbove = false  // nothing to tell them apart by
      }
    }
    for index in entries.indices {
      entries[index].metrics.removeAll { metric in metric.k.map { !ks.contains($0) } ?? false }
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
      problems: Set(entries.flatMap { $0.problemEfficiency.keys }).sorted(), generatedAt: Date(),
      settingDifferences: SettingDifference.between(entries.map(\.run.configuration)),
      sharedProblems: shared.sorted(),
      problemsDiffer: !sharedProblemsOnly && scored.contains { $0 != sharedKeys },
      unreportableKs: Set(ks).sorted().filter { !columns.contains("pass@\($0)") },
      unfinished: unfinished.map { (store: $0.path, run: $0.run) },
      withoutSelectedProblems: withoutSelected, storeCount: stores.count,
      storeNames: distinguishingNames(stores.map(\.path)))
  }

  /// Why there is nothing to rank, and what to do about it.
  static func nothingComplete(paths: [String], unfinished: [(path: String, run: StoredRun)])
    -> String
  {
    let stores = paths.joined(separator: ", ")
    guard !unfinished.isEmpty else {
      return "\(stores): no run stored yet; `brisk score SUBMISSIONS --db FILE` scores one"
    }
    let listed = unfinished.prefix(3).map { "run \($0.run.id) (\($0.run.model))" }
      .joined(separator: ", ")
    let more = unfinished.count > 3 ? " and \(unfinished.count - 3) more" : ""
    let verb = unfinished.count == 1 ? "is" : "are"
    return "\(stores): no complete run to rank; \(listed)\(more) \(verb) not finished (still "
      + "scoring, or interrupted: the same `brisk score` command finishes a run, measuring only "
      + "what is missing)"
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
    // Only samples DPE placed: a problem with its expert alone has no levels (dps is null),
    // and its samples are not "slower than every level".
    for result in results where result.passed == true && result.dps != nil {
      levels[result.dpeLevel, default: 0] += 1
    }
    let levelCount = try store.dpeLevelCount(runID: run.id)
    let efficiency = measured.mapValues { samples in
      samples.map { $0.efficiency ?? 0 }.reduce(0, +) / Double(max(samples.count, 1))
    }
    return LeaderboardEntry(
      store: path, run: run, metrics: metrics, problems: grouped.count, samples: results.count,
      effCurve: curve, dpeLevels: levels, dpeLevelCount: levelCount,
      problemEfficiency: efficiency, separableFromAbove: nil, hostLoad: HostLoadSummary(results))
  }
}

/// One measurement setting that differs between a leaderboard's rows.
public struct SettingDifference: Sendable, Equatable {
  /// One value of the setting, and the rows (indices into the board's entries) measured
  /// under it.
  public struct Value: Sendable, Equatable {
    /// Compact JSON, as stored in the run's configuration.
    public var value: String
    public var entries: [Int]
  }

  /// The setting's name in a run's configuration ("signal", "estimator", ...).
  public var setting: String
  /// In board order of their first row.
  public var values: [Value]

  /// The settings whose values differ between runs' `configurations` (as stored: JSON
  /// objects). Brisk's version and its runner's hash are not settings: two versions that
  /// measure alike give comparable runs (the hash keeps their evaluations apart in the cache).
  static func between(_ configurations: [String]) -> [SettingDifference] {
    let settings = configurations.map { configuration -> [String: String] in
      let data = Data(configuration.utf8)
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        return ["configuration": configuration]
      }
      return object.compactMapValues { value in
        (try? JSONSerialization.data(
          withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]))
          .map { String(decoding: $0, as: UTF8.self) }
      }
    }
    let names = Set(settings.flatMap(\.keys)).subtracting(["brisk", "runner"]).sorted()
    return names.compactMap { name in
      var values: [Value] = []
      for (index, setting) in settings.enumerated() {
        let value = setting[name] ?? "(none)"
        if let at = values.firstIndex(where: { $0.value == value }) {
          values[at].entries.append(index)
        } else {
          values.append(Value(value: value, entries: [index]))
        }
      }
      return values.count > 1 ? SettingDifference(setting: name, values: values) : nil
    }
  }
}

/// A metric's identity, for ordering columns.
struct MetricKey: Hashable {
  var metric: String
  var k: Int?
  var name: String { k.map { "\(metric)@\($0)" } ?? metric }
}
