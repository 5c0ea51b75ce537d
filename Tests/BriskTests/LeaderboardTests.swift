import BriskMetrics
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// A store holding complete runs of synthetic models on four problems.
enum SyntheticRuns {
  /// Per model, per problem, per sample: (passed, efficiency, DPE level).
  typealias Samples = [String: [(Bool, Double, Int?)]]

  static let models: [(String, Samples)] = [
    (
      "steady",
      [
        "p1": [(true, 0.9, 2), (true, 0.8, 2)], "p2": [(true, 0.7, 1), (false, 0, nil)],
        "p3": [(true, 0.95, 2), (true, 0.9, 2)], "p4": [(true, 0.6, 1), (true, 0.5, 0)],
      ]
    ),
    (
      "fast-but-flaky",
      [
        "p1": [(true, 1.0, 2), (false, 0, nil)], "p2": [(true, 0.9, 2), (true, 0.8, 2)],
        "p3": [(false, 0, nil), (true, 0.95, 2)], "p4": [(true, 0.7, 1), (false, 0, nil)],
      ]
    ),
    (
      "slow",
      [
        "p1": [(true, 0.2, 0), (true, 0.1, nil)], "p2": [(true, 0.3, 0), (true, 0.2, 0)],
        "p3": [(true, 0.1, nil), (false, 0, nil)], "p4": [(false, 0, nil), (false, 0, nil)],
      ]
    ),
  ]

  /// `onlyCorrect` names the models whose runs are stored as having scored only samples
  /// chosen by their correctness (EvalPerf's results).
  static func store(onlyCorrect: Set<String> = []) throws -> BriskStore {
    let store = try BriskStore.inMemory()
    let machine = try store.machineID(StoreTests.machine)
    var sets: [String: (version: Int64, set: Int64)] = [:]
    for id in ["p1", "p2", "p3", "p4"] {
      var problem = StoreTests.problem
      problem.id = id
      problem.version = "v-\(id)"
      let version = try store.problemVersionID(problem)
      var tests = StoreTests.tests
      tests.problemID = id
      sets[id] = (version, try store.saveTestSet(tests, problemVersionID: version))
      try store.saveCalibration(
        (0..<3).map {
          DPECalibration(file: "l\($0)", costRatio: Double(4 - $0), relativeError: 0.01, score: nil)
        },
        problemVersionID: version, machineID: machine, meter: .cpuTime)
    }
    for (model, problems) in models {
      var entries: [SampleEntry] = []
      for (problem, samples) in problems.sorted(by: { $0.key < $1.key }) {
        for index in samples.indices {
          let code = "# \(model) \(problem) \(index)\n"
          entries.append(
            SampleEntry(
              problemID: problem, sampleIndex: index, problemVersionID: sets[problem]?.version ?? 0,
              code: code, codeSHA256: SHA256.hex(code)))
        }
      }
      let (run, _) = try store.startRun(
        key: model, submission: "submissions/\(model)", submissionHash: model, model: model,
        configuration: "{\"signal\":\"cpu_time\"}", configurationKey: "c", machineID: machine,
        samples: entries, onlyCorrectSamples: onlyCorrect.contains(model),
        decoding: model == "steady" ? ["temperature": "0.8"] : [:])
      for entry in entries {
        guard let (passed, efficiency, level) = problems[entry.problemID]?[entry.sampleIndex] else {
          continue
        }
        var evaluation = SampleEvaluation(
          signal: "cpu_time", verdict: passed ? .passed : .wrongAnswer("no"),
          efficiency: SampleEfficiency(
            passed: passed, levelEfficiencies: [0, efficiency], efficiency: efficiency,
            timeLimit: 1,
            limitLevel: nil),
          performanceRatio: nil,
          dpe: passed
            ? PerformanceLevelMatch(
              level: level, normalizedScore: level.map { 100 * Double($0 + 1) / 3 } ?? 0,
              score: level.map { 100 * Double($0 + 1) / 3 } ?? 0) : nil,
          tests: [])
        // A quiet host: a few hundredths of a CPU of other work, more on the later problems.
        evaluation.otherCPUs = 0.01 * (Double(String(entry.problemID.dropFirst())) ?? 0)
        try store.saveEvaluation(
          evaluation, codeSHA256: entry.codeSHA256, testSetID: sets[entry.problemID]?.set ?? 0,
          machineID: machine, configurationKey: "c")
      }
      let results = try store.sampleResults(runID: run.id)
      try store.completeRun(run.id, metrics: Scorer.metrics(results, ks: [1, 2]))
    }
    return store
  }

  /// A leaderboard with every moving part fixed, for snapshots.
  static func fixedBoard() throws -> Leaderboard {
    var board = try Leaderboard.build(
      stores: [(path: "results.sqlite", store: store())], ks: [1, 2])
    board.generatedAt = Date(timeIntervalSince1970: 1_795_000_000)
    for index in board.entries.indices {
      board.entries[index].run.startedAt = Date(timeIntervalSince1970: 1_795_000_000)
      board.entries[index].run.finishedAt = Date(timeIntervalSince1970: 1_795_000_100)
    }
    return board
  }
}

@Suite(.tags(.medium))
struct LeaderboardTests {
  @Test func rankedByEffAt1WithSeparability() throws {
    let board = try SyntheticRuns.fixedBoard()
    #expect(board.entries.map(\.run.model) == ["steady", "fast-but-flaky", "slow"])
    #expect(board.columns == ["pass@1", "pass@2", "eff@1", "eff@2", "dps", "dps_norm"])
    #expect(board.entries[1].separableFromAbove == false)
    #expect(board.entries[2].separableFromAbove == true)
    let steady = try #require(board.entries.first)
    // eff@1 is the mean over problems of the mean sample efficiency.
    #expect(abs((steady.metric("eff@1")?.value ?? 0) - (0.85 + 0.35 + 0.925 + 0.55) / 4) < 1e-12)
    #expect(steady.effCurve.map(\.k) == [1, 2])
    #expect(steady.dpeLevels[2] == 4 && steady.dpeLevels[1] == 2 && steady.dpeLevels[0] == 1)
    #expect(steady.dpeLevelCount == 3)
    #expect(board.problems == ["p1", "p2", "p3", "p4"])
  }

  /// The DPE chart: "slower than every level" only for samples DPE placed, and no chart where
  /// every problem has its expert alone (ENAMEL's), where samples were all called slower.
  @Test func theDPEChartCountsOnlySamplesDPEPlaced() throws {
    let board = try SyntheticRuns.fixedBoard()
    let page = LeaderboardHTML.page(board)
    #expect(page.contains("&lt;</span>") && !page.contains("\"><</span>"))
    let store = try SyntheticRuns.store()
    try store.writer.write { db in
      try db.execute(
        sql: """
          DELETE FROM dpe_calibration WHERE level_index > 0;
          UPDATE evaluation SET dps = NULL, dps_norm = NULL, dpe_level = NULL;
          """)
    }
    let alone = try Leaderboard.build(stores: [(path: "r.sqlite", store: store)], ks: [1])
    #expect(alone.entries.allSatisfy { $0.dpeLevels.isEmpty })
    #expect(
      LeaderboardHTML.page(alone).contains("No DPE levels: every problem here has its expert"))
    #expect(!LeaderboardHTML.page(alone).contains("slower than every level"))
  }

  /// Asked only for k = 2, the board still ranks by eff@1 (which it does not show): the
  /// order and the separability marks are those of the default board.
  @Test func theRankIsEffAt1WhateverTheShownK() throws {
    let store = try SyntheticRuns.store()
    let board = try Leaderboard.build(stores: [(path: "r.sqlite", store: store)], ks: [2])
    #expect(board.entries.map(\.run.model) == ["steady", "fast-but-flaky", "slow"])
    #expect(board.entries.map(\.separableFromAbove) == [nil, false, true])
    #expect(board.columns == ["pass@2", "eff@2", "dps", "dps_norm"])
  }

  @Test func aProblemPatternRestrictsTheMetrics() throws {
    let board = try Leaderboard.build(
      stores: [(path: "results.sqlite", store: SyntheticRuns.store())], ks: [1],
      includes: { fnmatch("p[12]", $0, 0) == 0 })
    #expect(board.problems == ["p1", "p2"])
    #expect(board.entries.allSatisfy { $0.problems == 2 })
  }

  @Test func nothingToRankIsAnErrorThatSaysWhy() throws {
    let stores = [(path: "results.sqlite", store: try SyntheticRuns.store())]
    let unmatched = #expect(throws: BriskError.self) {
      try Leaderboard.build(
        stores: stores, ks: [1], includes: { fnmatch("HumanEval_*", $0, 0) == 0 })
    }
    #expect(unmatched?.message.contains("--problems matches none of the 4 problems") == true)
    #expect(unmatched?.message.contains("(p1, p2, p3, ...)") == true)

    let empty = #expect(throws: BriskError.self) {
      try Leaderboard.build(stores: [(path: "new.sqlite", store: try BriskStore.inMemory())])
    }
    #expect(empty?.message.hasPrefix("new.sqlite: no run stored yet") == true)

    // A run that has started and not finished is named, with how to finish it.
    let store = try BriskStore.inMemory()
    let machine = try store.machineID(StoreTests.machine)
    _ = try store.startRun(
      key: "k", submission: "submissions/cut", submissionHash: "h", model: "cut-short",
      configuration: "{}", configurationKey: "c", machineID: machine, samples: [])
    let unfinished = #expect(throws: BriskError.self) {
      try Leaderboard.build(stores: [(path: "cut.sqlite", store: store)])
    }
    #expect(
      unfinished?.message.contains("no complete run to rank; run 1 (cut-short) is not finished")
        == true)

    // Beside complete runs, an unfinished one is named under the board, not silently left out.
    let mixed = try SyntheticRuns.store()
    _ = try mixed.startRun(
      key: "k", submission: "submissions/cut", submissionHash: "h", model: "cut-short",
      configuration: "{}", configurationKey: "c",
      machineID: try mixed.machineID(StoreTests.machine),
      samples: [])
    let board = try Leaderboard.build(stores: [(path: "m.sqlite", store: mixed)], ks: [1])
    #expect(board.entries.count == 3)
    #expect(
      LeaderboardText.table(board).contains("Not ranked, because not finished: run 4 (cut-short)."))
    #expect(try LeaderboardText.json(board).contains("\"unfinished_runs\""))

    // A k no row can report is said to be missing, not silently dropped.
    let wide = try Leaderboard.build(stores: [(path: "m.sqlite", store: mixed)], ks: [1, 5])
    #expect(wide.unreportableKs == [5] && !wide.columns.contains("eff@5"))
    #expect(LeaderboardText.table(wide).contains("Not shown: pass@k and eff@k for k = 5"))

    // Intervals over a handful of problems are flagged, however narrow.
    #expect(
      LeaderboardText.fewProblemsCaveat(board)?.contains("run 1 (4), run 2 (4), run 3 (4)") == true)
    let one = try Leaderboard.build(
      stores: [(path: "m.sqlite", store: mixed)], ks: [1], includes: { $0 == "p1" })
    #expect(LeaderboardText.table(one).contains("Intervals over fewer than 5 problems say little"))
  }

  @Test func runsOfOnlyCorrectSamplesAreFlaggedInEveryFormat() throws {
    let plain = try Leaderboard.build(stores: [(path: "r.sqlite", store: SyntheticRuns.store())])
    #expect(LeaderboardText.selectionCaveat(plain) == nil)

    let store = try SyntheticRuns.store(onlyCorrect: ["slow"])
    let board = try Leaderboard.build(stores: [(path: "r.sqlite", store: store)], ks: [1])
    let slow = try #require(board.entries.first { $0.run.model == "slow" })
    #expect(slow.run.onlyCorrectSamples)
    #expect(board.entries.filter(\.run.onlyCorrectSamples).count == 1)
    let caveat = try #require(LeaderboardText.selectionCaveat(board))
    #expect(caveat.hasPrefix("Run \(slow.run.id) (slow) scored only the solutions EvalPerf's"))
    #expect(LeaderboardText.table(board).contains(caveat))
    #expect(LeaderboardText.markdown(board).contains(caveat))
    #expect(LeaderboardHTML.page(board).contains("scored only the solutions EvalPerf"))
    let csv = LeaderboardText.csv(board).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let column = try #require(csv.first?.firstIndex(of: "only_correct_samples"))
    #expect(csv.dropFirst().filter { $0[column] == "true" }.map { $0[1] } == ["slow"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(LeaderboardText.json(board).utf8))
        as? [String: Any])
    let rows = try #require(json["runs"] as? [[String: Any]])
    #expect(
      rows.map { $0["only_correct_samples"] as? Bool == ($0["model"] as? String == "slow") }
        .allSatisfy { $0 })

    // The decoding the manifest declared goes with each row.
    #expect(
      rows.first { $0["model"] as? String == "steady" }?["decoding"] as? [String: String] == [
        "temperature": "0.8"
      ])
    #expect(
      LeaderboardHTML.page(board).contains("<dt>decoding</dt><dd><code>temperature = 0.8</code>"))

    // The public view says so too.
    let flagged = try store.writer.read { db in
      try String.fetchAll(db, sql: "SELECT model FROM brisk_runs WHERE only_correct_samples")
    }
    #expect(flagged == ["slow"])
  }

  /// A HumanEval-imported problem stores verdicts without efficiencies: it counts for pass@k,
  /// and is not an efficiency of 0 in eff@k (it was, in the score summary and the board).
  @Test func correctnessOnlyProblemsCountForPassAtKAlone() throws {
    func result(_ problem: String, _ verdict: String?, _ efficiency: Double?) -> SampleResult {
      SampleResult(
        runID: 1, problemID: problem, sampleIndex: 0, codeSHA256: "c", verdict: verdict,
        passed: verdict.map { $0 == "ok" }, efficiency: efficiency)
    }
    let metrics = Scorer.metrics(
      [result("measured", "ok", 0.5), result("correctness", "ok", nil)], ks: [1])
    let eff = try #require(metrics.first { $0.name == "eff@1" })
    #expect(eff.value == 0.5 && eff.problems == 1)
    #expect(metrics.first { $0.name == "pass@1" }?.problems == 2)
    // A pending sample of a measured problem still counts as 0 until it is measured.
    let partial = Scorer.metrics(
      [result("measured", "ok", 0.5), result("pending", nil, nil)], ks: [1])
    #expect(partial.first { $0.name == "eff@1" }.map { ($0.value, $0.problems) }! == (0.25, 2))
  }

  /// A store scored with both meters holds two calibrations of each problem's DPE levels;
  /// `brisk explain` shows the one of the meter that measured the sample.
  @Test func aSamplesStoryShowsItsOwnMetersCalibration() throws {
    let store = try SyntheticRuns.store()
    let machine = try store.machineID(StoreTests.machine)
    var problem = StoreTests.problem
    problem.id = "p1"
    problem.version = "v-p1"
    try store.saveCalibration(
      [DPECalibration(file: "other-meter", costRatio: 9, relativeError: 0.01, score: nil)],
      problemVersionID: try store.problemVersionID(problem), machineID: machine,
      meter: .instructions)
    let story = try #require(try store.stories(runID: 1, problemID: "p1", sampleIndex: 0).first)
    #expect(story.calibration.map(\.file) == ["l0", "l1", "l2"])
  }

  /// DPE lines only where there are levels to place a sample between; a failing test's
  /// reason in full under the table.
  @Test func aSamplesStoryTellsDPEOnlyWithSeveralLevelsAndQuotesTheFailure() throws {
    let store = try SyntheticRuns.store()
    var story = try #require(try store.stories(runID: 1, problemID: "p1", sampleIndex: 0).first)
    #expect(SampleStoryText(story: story, showCode: false).text.contains("DPE levels  0 l0"))
    story.calibration = Array(story.calibration.prefix(1))
    let single = SampleStoryText(story: story, showCode: false).text
    #expect(
      single.contains(
        "DPE         not scored: the problem has one reference level, and DPE needs two or more"))
    #expect(!single.contains("DPE levels"))
    story.tests = [
      SampleStory.TestLine(
        level: 0, index: 2, verdict: "wrong_answer",
        detail: "wrong answer: expected 1, got 0\narguments: [3, 3], 6", signal: "cpu_time",
        referenceTime: nil, sampleTime: 86e-6, ratio: nil, ratioRelativeError: nil,
        repetitions: 1, peakMemoryKilobytes: 7000)
    ]
    #expect(
      SampleStoryText(story: story, showCode: false).text.contains(
        "level 0, case 2: wrong_answer\nwrong answer: expected 1, got 0\narguments: [3, 3], 6"))
    // A correctness-only problem (HumanEval's assertions) read "efficiency 0.000".
    story.result.efficiency = nil
    story.tests = story.tests.map { test in
      var passed = test
      (passed.verdict, passed.detail) = ("ok", nil)
      return passed
    }
    #expect(
      SampleStoryText(story: story, showCode: false).text.contains(
        "efficiency  not measured: a correctness-only problem"))
  }

  @Test func latestKeepsEachModelsNewestRunAcrossStores() throws {
    let older = try SyntheticRuns.store()
    let newer = try SyntheticRuns.store()
    try older.writer.write { db in
      try db.execute(sql: "UPDATE run SET started_at = '2026-01-01 00:00:00.000'")
    }
    let stores = [(path: "older.sqlite", store: older), (path: "newer.sqlite", store: newer)]
    // Every newest run is in one store, yet the board came from two: runs keep their store.
    let fromNewer = try Leaderboard.build(stores: stores, ks: [1], latestOnly: true)
    #expect(Set(fromNewer.entries.map(\.store)) == ["newer.sqlite"])
    #expect(
      fromNewer.entries.allSatisfy {
        LeaderboardText.runLabel($0, fromNewer).hasPrefix("newer.sqlite#")
      })
    // "slow" ran again in the older store after everything in the newer one.
    try older.writer.write { db in
      try db.execute(
        sql: "UPDATE run SET started_at = '2030-01-01 00:00:00.000' WHERE model = 'slow'")
    }
    let all = try Leaderboard.build(stores: stores, ks: [1])
    #expect(all.entries.count == 6)
    let latest = try Leaderboard.build(stores: stores, ks: [1], latestOnly: true)
    #expect(latest.entries.map(\.run.model).sorted() == ["fast-but-flaky", "slow", "steady"])
    let storeOf = Dictionary(uniqueKeysWithValues: latest.entries.map { ($0.run.model, $0.store) })
    #expect(
      storeOf == [
        "steady": "newer.sqlite", "fast-but-flaky": "newer.sqlite", "slow": "older.sqlite",
      ])
  }

  /// Stores of one file name in different folders are told apart in run labels (both read
  /// `s.sqlite#1`), and a store's label stays its file name when that is enough.
  @Test func storesOfOneNameAreToldApart() throws {
    #expect(
      Leaderboard.distinguishingNames(["x/s.sqlite", "y/s.sqlite", "/data/runs/r.sqlite"])
        == [
          "x/s.sqlite": "x/s.sqlite", "y/s.sqlite": "y/s.sqlite", "/data/runs/r.sqlite": "r.sqlite",
        ])
    #expect(
      Leaderboard.distinguishingNames(["/a/x/s.sqlite", "/b/x/s.sqlite", "s.sqlite"])
        == [
          "/a/x/s.sqlite": "/a/x/s.sqlite", "/b/x/s.sqlite": "/b/x/s.sqlite",
          "s.sqlite": "s.sqlite",
        ])
    let board = try Leaderboard.build(
      stores: [
        (path: "x/s.sqlite", store: try SyntheticRuns.store()),
        (path: "y/s.sqlite", store: try SyntheticRuns.store()),
      ], ks: [1])
    let labels = board.entries.map { LeaderboardText.runLabel($0, board) }
    #expect(Set(labels).count == 6, "\(labels)")
    #expect(labels.allSatisfy { $0.hasPrefix("x/s.sqlite#") || $0.hasPrefix("y/s.sqlite#") })
  }

  @Test func rowsOverDifferentProblemsAreFlaggedAndCanBeRankedOnTheShared() throws {
    let store = try SyntheticRuns.store()
    let stores = [(path: "results.sqlite", store: store)]
    let same = try Leaderboard.build(stores: stores, ks: [1])
    #expect(!same.problemsDiffer && same.sharedProblems == ["p1", "p2", "p3", "p4"])
    #expect(LeaderboardText.problemsCaveat(same) == nil)

    // "slow" never scored p4 (its worst problem); "steady" never scored p3.
    try store.writer.write { db in
      try db.execute(
        sql: """
          DELETE FROM sample WHERE (problem_id = 'p4' AND run_id IN
            (SELECT id FROM run WHERE model = 'slow')) OR (problem_id = 'p3' AND run_id IN
            (SELECT id FROM run WHERE model = 'steady'))
          """)
    }
    let mixed = try Leaderboard.build(stores: stores, ks: [1])
    #expect(mixed.problemsDiffer)
    #expect(mixed.problems == ["p1", "p2", "p3", "p4"] && mixed.sharedProblems == ["p1", "p2"])
    let caveat = try #require(LeaderboardText.problemsCaveat(mixed))
    #expect(caveat.hasPrefix("These runs scored different problems (3 to 4 each, 2 scored by"))
    #expect(LeaderboardText.table(mixed).contains(caveat))
    #expect(LeaderboardHTML.page(mixed).contains(LeaderboardHTML.escape(caveat)))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(LeaderboardText.json(mixed).utf8))
        as? [String: Any])
    #expect(json["shared_problems"] as? [String] == ["p1", "p2"])

    // A complete run left without any selected problem is named, not silently dropped.
    let onlyP4 = try Leaderboard.build(stores: stores, ks: [1], includes: { $0 == "p4" })
    #expect(onlyP4.withoutSelectedProblems.map(\.run.model) == ["slow"])
    let slowRun = try #require(onlyP4.withoutSelectedProblems.first?.run.id)
    let dropped =
      "Not ranked, because they scored none of the selected problems: run \(slowRun) (slow)."
    #expect(LeaderboardText.table(onlyP4).contains(dropped))
    #expect(LeaderboardHTML.page(onlyP4).contains(LeaderboardHTML.escape(dropped)))
    let droppedJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(LeaderboardText.json(onlyP4).utf8))
        as? [String: Any])
    #expect(
      (droppedJSON["runs_without_selected_problems"] as? [[String: Any]])?.first?["model"]
        as? String == "slow")
    #expect(LeaderboardText.withoutSelectedProblemsCaveat(mixed) == nil)

    let shared = try Leaderboard.build(stores: stores, ks: [1], sharedProblemsOnly: true)
    #expect(!shared.problemsDiffer && shared.sharedProblems == ["p1", "p2"])
    #expect(shared.problems == ["p1", "p2"], "the heatmap's columns")
    #expect(shared.entries.map(\.problems) == [2, 2, 2])
    #expect(LeaderboardText.problemsCaveat(shared) == nil)
    // eff@1 of "steady" on p1 and p2: the mean of its samples' efficiencies, (0.85 + 0.35) / 2.
    let steady = try #require(shared.entries.first { $0.run.model == "steady" })
    #expect(abs((steady.metric("eff@1")?.value ?? 0) - 0.6) < 1e-9)

    // Runs that share nothing cannot be ranked on what they share.
    #expect(throws: BriskError.self) {
      try Leaderboard.build(
        stores: stores, ks: [1], includes: { $0 == "p4" || $0 == "p3" }, sharedProblemsOnly: true)
    }
  }

  /// The same problem id at another version (edited, or another benchmark's problem) is
  /// another problem: rows over it are flagged, and --shared-problems leaves it out.
  @Test func aProblemIdAtAnotherVersionIsAnotherProblem() throws {
    let store = try SyntheticRuns.store()
    let edited = try SyntheticRuns.store()
    try edited.writer.write { db in
      try db.execute(sql: "UPDATE problem_version SET version = 'edited' WHERE problem_id = 'p1'")
    }
    let stores = [(path: "a.sqlite", store: store), (path: "b.sqlite", store: edited)]
    let board = try Leaderboard.build(stores: stores, ks: [1])
    #expect(board.problemsDiffer && board.sharedProblems == ["p2", "p3", "p4"])
    let caveat = try #require(LeaderboardText.problemsCaveat(board))
    #expect(caveat.contains("3 scored by every run at the same version"), "\(caveat)")
    let shared = try Leaderboard.build(stores: stores, ks: [1], sharedProblemsOnly: true)
    #expect(
      shared.problems == ["p2", "p3", "p4"] && shared.entries.allSatisfy { $0.problems == 3 })
  }

  @Test func rowsMeasuredUnderDifferentSettingsAreFlagged() throws {
    let store = try SyntheticRuns.store()
    let same = try Leaderboard.build(stores: [(path: "results.sqlite", store: store)], ks: [1])
    #expect(same.settingDifferences.isEmpty)
    #expect(LeaderboardText.caveat(same) == nil)
    #expect(!LeaderboardText.table(same).contains("different settings"))

    // "slow" measured with the instruction meter, by another Brisk version and runner: the
    // meter differs, the version and the runner alone would not.
    try store.writer.write { db in
      try db.execute(
        sql: """
          UPDATE run SET configuration = '{"signal":"instructions","brisk":"9.9","runner":"a1"}'
          WHERE model = 'slow'
          """)
      try db.execute(
        sql: """
          UPDATE run SET configuration = '{"signal":"cpu_time","brisk":"0.1","runner":"b2"}'
          WHERE model = 'steady'
          """)
    }
    let mixed = try Leaderboard.build(stores: [(path: "results.sqlite", store: store)], ks: [1])
    #expect(mixed.settingDifferences.map(\.setting) == ["signal"])
    let signal = try #require(mixed.settingDifferences.first)
    let slow = try #require(mixed.entries.firstIndex { $0.run.model == "slow" })
    #expect(signal.values.map(\.value) == ["\"cpu_time\"", "\"instructions\""])
    #expect(signal.values.last?.entries == [slow])
    let runs = { (model: String) in
      mixed.entries.first { $0.run.model == model }.map { "\($0.run.id)" } ?? "?"
    }
    let caveat = try #require(LeaderboardText.caveat(mixed))
    #expect(
      caveat.hasSuffix(
        "signal \"cpu_time\" (runs \(runs("steady")), \(runs("fast-but-flaky"))), "
          + "\"instructions\" (run \(runs("slow")))."), "\(caveat)")
    #expect(LeaderboardText.table(mixed).hasSuffix(caveat))
    #expect(LeaderboardText.markdown(mixed).contains("\n\n" + caveat + "\n"))
    #expect(LeaderboardHTML.page(mixed).contains("class=\"caveat\""))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(LeaderboardText.json(mixed).utf8))
        as? [String: Any])
    let differ = try #require(json["settings_differ"] as? [[String: Any]])
    #expect(differ.first?["setting"] as? String == "signal")
    let instructions = (differ.first?["values"] as? [[String: Any]])?.last
    let instructionRuns = instructions?["runs"] as? [[String: Any]]
    #expect(instructionRuns?.first?["store"] as? String == "results.sqlite")
    #expect(instructionRuns?.first?["run"] as? Int == Int(runs("slow")))

    // `brisk compare` says so too, and only when a setting differs.
    let id = { (model: String) in mixed.entries.first { $0.run.model == model }?.run.id ?? 0 }
    let across = try RunComparison.compare(
      ("r.sqlite", store, id("steady")), ("r.sqlite", store, id("slow"))
    ).text
    #expect(across.contains("Measured under different settings"))
    #expect(across.contains(#"signal A "cpu_time", B "instructions"."#), "\(across)")
    let alike = try RunComparison.compare(
      ("r.sqlite", store, id("steady")), ("r.sqlite", store, id("fast-but-flaky")))
    #expect(!alike.text.contains("different settings"))
  }

  @Test func rowsMeasuredUnderHostLoadAreFlagged() throws {
    let store = try SyntheticRuns.store()
    let quiet = try Leaderboard.build(stores: [(path: "results.sqlite", store: store)], ks: [1])
    #expect(quiet.entries.allSatisfy { $0.hostLoad?.isContended == false })
    #expect(LeaderboardText.loadCaveat(quiet) == nil)
    // "slow" was measured beside a CPU hog.
    try store.writer.write { db in
      try db.execute(
        sql: """
          UPDATE evaluation SET other_cpus = 0.9 + 0.01 * id
          WHERE code_sha256 IN (SELECT code_sha256 FROM sample JOIN run ON run.id = sample.run_id
                                WHERE run.model = 'slow')
          """)
    }
    let busy = try Leaderboard.build(stores: [(path: "results.sqlite", store: store)], ks: [1])
    let slow = try #require(busy.entries.first { $0.run.model == "slow" })
    let load = try #require(slow.hostLoad)
    #expect(load.isContended && load.samples == 8 && load.peak > 0.9)
    let caveat = try #require(LeaderboardText.loadCaveat(busy))
    #expect(caveat.contains("run \(slow.run.id), \(load.description)"), "\(caveat)")
    for entry in busy.entries where entry.run.model != "slow" {
      #expect(!caveat.contains("run \(entry.run.id),"), "\(caveat)")
    }
    #expect(LeaderboardText.table(busy).hasSuffix(caveat))
    #expect(LeaderboardText.markdown(busy).contains("\n\n" + caveat + "\n"))
    #expect(LeaderboardHTML.page(busy).contains("Measured while other processes used"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(LeaderboardText.json(busy).utf8))
        as? [String: Any])
    let rows = try #require(json["runs"] as? [[String: Any]])
    let row = try #require(rows.first { $0["model"] as? String == "slow" })
    #expect((row["other_cpus"] as? [String: Any])?["mean"] as? Double == load.mean)

    // `brisk compare` says so for the loaded run only.
    let id = { (model: String) in busy.entries.first { $0.run.model == model }?.run.id ?? 0 }
    let text = try RunComparison.compare(
      ("r.sqlite", store, id("steady")), ("r.sqlite", store, id("slow"))
    ).text
    #expect(text.contains("B while they used \(load.description)"), "\(text)")
    #expect(!text.contains("A while"))
    let alike = try RunComparison.compare(
      ("r.sqlite", store, id("steady")), ("r.sqlite", store, id("fast-but-flaky")))
    #expect(!alike.text.contains("Measured while"))
  }

  @Test(arguments: ["table", "markdown", "csv", "json"])
  func textFormatsMatchTheirSnapshots(format: String) throws {
    let board = try SyntheticRuns.fixedBoard()
    let text: String =
      switch format {
      case "table": LeaderboardText.table(board) + "\n"
      case "markdown": LeaderboardText.markdown(board)
      case "csv": LeaderboardText.csv(board)
      default:
        try LeaderboardText.json(board).replacingOccurrences(
          of: #""started_at" : "[^"]*""#, with: "\"started_at\" : \"(fixed)\"",
          options: .regularExpression)
      }
    let name =
      "Leaderboard/leaderboard.\(format == "table" ? "txt" : format == "markdown" ? "md" : format)"
    #expect(try Snapshot.matches(text, name), "\(text)")
  }

  @Test func comparisonGivesPairedPValuesAndAWinRate() throws {
    let store = try SyntheticRuns.store()
    let runs = try store.runs()
    let steady = try #require(runs.first { $0.model == "steady" })
    let slow = try #require(runs.first { $0.model == "slow" })
    let comparison = try RunComparison.compare(
      ("r.sqlite", store, steady.id), ("r.sqlite", store, slow.id))
    #expect(comparison.rows.count == 4)
    #expect(comparison.winRate == 1)
    #expect(comparison.effDifference > 0.4)
    // Four problems, all in A's favour: the exact test's smallest p-value, 2 / 2^4.
    #expect(comparison.effPValue == 0.125)
    #expect(comparison.text.contains("exact sign-flip p = 0.1250"), "\(comparison.text)")
    let same = #expect(throws: BriskError.self) {
      try RunComparison.compare(("r.sqlite", store, steady.id), ("./r.sqlite", store, steady.id))
    }
    #expect(same?.message.contains("A and B are the same run") == true)
    #expect(comparison.text.contains("win rate of A on eff@1: 1.000"))
    #expect(comparison.text.contains("With 4 problems, the exact test's smallest p is 0.125"))

    // A run that has not finished is refused: its pending samples would count as failures.
    let machine = try store.machineID(StoreTests.machine)
    let (cut, _) = try store.startRun(
      key: "cut", submission: "s", submissionHash: "h", model: "cut-short", configuration: "{}",
      configurationKey: "c", machineID: machine, samples: [])
    let refused = #expect(throws: BriskError.self) {
      try RunComparison.compare(("r.sqlite", store, cut.id), ("r.sqlite", store, slow.id))
    }
    #expect(refused?.message.contains("run \(cut.id) (cut-short) is not finished") == true)

    // A run of EvalPerf's correct solutions only is named.
    let chosen = try SyntheticRuns.store(onlyCorrect: ["slow"])
    let ids = try chosen.runs()
    let text = try RunComparison.compare(
      ("r.sqlite", chosen, try #require(ids.first { $0.model == "steady" }).id),
      ("r.sqlite", chosen, try #require(ids.first { $0.model == "slow" }).id)
    ).text
    #expect(text.contains("B scored only the solutions EvalPerf's tests had passed"), "\(text)")
  }

  /// Two runs that share a problem id but scored different versions of it compare different
  /// problems: the comparison leaves them out and says so. Without efficiency on either side,
  /// eff@1 reads n/a, not +0.000.
  @Test func comparisonLeavesOutProblemsScoredAtDifferentVersions() throws {
    let store = try SyntheticRuns.store()
    let edited = try SyntheticRuns.store()
    try edited.writer.write { db in
      try db.execute(sql: "UPDATE problem_version SET version = 'edited' WHERE problem_id = 'p1'")
    }
    let steady = try #require(try store.runs().first { $0.model == "steady" }).id
    let slow = try #require(try edited.runs().first { $0.model == "slow" }).id
    let comparison = try RunComparison.compare(
      ("a.sqlite", store, steady), ("b.sqlite", edited, slow))
    #expect(comparison.rows.map(\.problem) == ["p2", "p3", "p4"])
    #expect(comparison.differentVersions == ["p1"])
    let text = comparison.text
    #expect(text.contains("A: run \(steady) steady (a.sqlite)\nB: run \(slow) slow (b.sqlite)"))
    #expect(text.contains("Left out 1 problem id both runs scored, but at different versions"))
    #expect(text.contains("3 problems in common."))

    try edited.writer.write { db in try db.execute(sql: "UPDATE evaluation SET efficiency = NULL") }
    let correctnessOnly = try RunComparison.compare(
      ("a.sqlite", store, steady), ("b.sqlite", edited, slow)
    ).text
    #expect(correctnessOnly.contains("eff@1   n/a: no common problem has efficiency figures"))
    #expect(correctnessOnly.contains("win rate of A on eff@1: n/a"))
  }
}
