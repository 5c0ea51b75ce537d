import BriskMetrics
import BriskSandbox
import BriskTestSupport
import Foundation
import GRDB
import Testing

@testable import Brisk

/// A small problem set made from the scaffold's example, with stress levels scaled down so
/// that a test scores it in seconds.
enum SmallProblemSet {
  static func make() throws -> (root: URL, problems: [Problem]) {
    let root = try Fixtures.temporaryDirectory("brisk-scoring")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("Problems"), withIntermediateDirectories: true)
    let loader = ProblemLoader(path: root.path)
    _ = try ProblemScaffold(loader: loader).create("pairs")
    let manifest = root.appendingPathComponent("Problems/pairs/problem.toml")
    var text = try String(contentsOf: manifest, encoding: .utf8)
    for (old, new) in [
      ("size = 2000", "size = 1000"), ("size = 20000", "size = 5000"),
      ("size = 200000", "size = 30000"), ("memory_mib = 1024", "memory_mib = 256"),
    ] {
      text = text.replacingOccurrences(of: old, with: new)
    }
    try text.write(to: manifest, atomically: true, encoding: .utf8)
    return (root, try loader.loadAll())
  }
}

/// Hostile samples gain nothing: no state carries across calls, the expected answer never
/// reaches them, the time that scores is measured outside them, import-time work is charged,
/// interpreter start-up is not, and none of them can take the harness down.
@Suite(.serialized, .tags(.large))
struct ScoringTests {
  @Test func hostileSamplesGainNothing() async throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    let submission = try SubmissionLoader(prompt: { _ in nil }).load(
      Fixtures.directory.appendingPathComponent("HostileSamples").path)
    let store = try BriskStore.inMemory()
    let scorer = Scorer(
      store: store, scripts: try TrustedScripts.install(), launcher: try Launcher.locate(),
      options: ScoringOptions(workers: 2, ks: [1, 5]))
    let report = try await scorer.score(submission, problems: problems) { _ in }
    #expect(report.pending == 0)
    #expect(report.run.status == "complete")
    // Every evaluation records how busy other processes kept the host meanwhile.
    let cpus = Double(WorkerPool.availableCPUs)
    for result in report.results {
      let other = try #require(result.otherCPUs, "sample \(result.sampleIndex) has no host load")
      #expect(other >= 0 && other <= cpus + 0.5, "sample \(result.sampleIndex): \(other)")
    }
    let results = Dictionary(uniqueKeysWithValues: report.results.map { ($0.sampleIndex, $0) })
    /// A sample doing four times the expert's work is slower on every stress test: by its
    /// ratio, or, stopped at its cap near the limit (so without a ratio), by a time limit.
    /// (Under load CI once stopped one there: a ratio-only check read it as 0.)
    func expectNotFaster(_ test: SampleStory.TestLine, _ what: String) {
      if let ratio = test.ratio {
        #expect(ratio > 1.5, "\(what) looked fast on level \(test.level): \(ratio)")
      } else {
        #expect(test.verdict == "time_limit", "\(what), level \(test.level): \(test.verdict)")
      }
    }
    func story(_ sample: Int) throws -> SampleStory {
      try #require(
        try store.stories(runID: report.run.id, problemID: "pairs", sampleIndex: sample).first)
    }

    // 0: the expert's own algorithm scores about 1: within 0.1, the most one problem's
    // efficiency moves between reruns with the other core busy (BENCHMARKS.md, "Measurement
    // stability"). Alone it scores 0.97-1.03 (0.98-1.01 with a CPU hog beside it); when the
    // suites still ran in parallel, one full run (beside valgrind and a headless browser)
    // scored it just outside 0.05.
    #expect(results[0]?.verdict == "ok")
    let honest = try #require(results[0]?.efficiency)
    #expect(abs(honest - 1) < 0.1, "honest sample scored \(honest)")

    // 1: memoization gains nothing; no repetition is much faster than the others.
    #expect(results[1]?.verdict == "ok")
    for test in try story(1).tests where test.level > 0 {
      expectNotFaster(test, "memoizing sample")
    }
    let memoizer = try await store.writer.read { db in
      try Double.fetchAll(
        db,
        sql: """
          SELECT m.cpu_seconds FROM measurement m JOIN evaluation e ON e.id = m.evaluation_id
          WHERE e.code_sha256 = ? AND m.role = 'sample' AND m.level = 3
          """, arguments: [results[1]?.codeSHA256])
    }
    let typical = try #require(median(memoizer))
    #expect(memoizer.allSatisfy { $0 > typical / 2 }, "a repetition ran from a memo: \(memoizer)")

    // 2: patched clocks change nothing: five times the work costs about five times as much.
    let patched = try story(2).tests.filter { $0.level == 3 }.compactMap(\.ratio)
    #expect(patched.allSatisfy { $0 > 3 }, "\(patched)")

    // 3: fake output and fake frames on every descriptor: the returned value is judged.
    #expect(results[3]?.verdict == "wrong_answer")

    // 4: import-time work is charged to every call: even on level 0's tiny inputs it costs
    // many times what the honest sample does.
    let honestLevel0 = try story(0).tests.filter { $0.level == 0 }.compactMap(\.sampleTime)
    let importerLevel0 = try story(4).tests.filter { $0.level == 0 }.compactMap(\.sampleTime)
    #expect(
      (median(importerLevel0) ?? 0) > 10 * (median(honestLevel0) ?? 1),
      "import-time work looked free: \(importerLevel0) vs \(honestLevel0)")

    // 5: nothing to find.
    #expect(results[5]?.verdict == "wrong_answer")

    // 6: an attack on the runner is refused by name. 7: `subprocess` fails at its first pipe,
    // which a sealed child cannot make (a new pipe's inode number carried a memo); a process
    // started without one (os.fork) is refused by name.
    #expect(results[6]?.verdict == "security_violation")
    #expect(try story(6).tests.first?.detail == "kill")
    #expect(results[7]?.verdict == "runtime_error")
    #expect(try story(7).tests.first?.detail?.contains("PermissionError") == true)

    // 8: a runaway fails at level 0.
    #expect(results[8]?.verdict == "time_limit")
    #expect(results[8]?.passed == false)

    // 9: a memory limit past level 0 zeroes the stress levels but the sample passes.
    #expect(results[9]?.passed == true)
    #expect(results[9]?.efficiency == 0)
    #expect(try story(9).tests.contains { $0.verdict == "memory_limit" })

    // 10: an early fake result stops nothing: the first frame is its answer (wrong), and the
    // runner does not wait for it to finish.
    #expect(results[10]?.verdict == "wrong_answer")

    // 11: an answer that is not a value is a wrong answer, not a fault that leaves the
    // sample unmeasured on every rerun.
    #expect(results[11]?.verdict == "wrong_answer")
    #expect(try story(11).tests.first?.detail?.hasPrefix("unreadable output") == true)

    // 12: a memo hidden where cleaning up failed (deep, locked, the scratch directory itself
    // locked) is found by no later call.
    #expect(results[12]?.verdict == "ok")
    for test in try story(12).tests where test.level > 0 {
      expectNotFaster(test, "hidden memo")
    }

    // 13: a memo in the scratch directory's own times is found by no later call.
    #expect(results[13]?.verdict == "ok")
    for test in try story(13).tests where test.level > 0 {
      expectNotFaster(test, "memo in /tmp's times")
    }

    // 14: a memo in the host's directory-entry cache (names looked up, then timed) is
    // found by no later call: the sandbox's /usr is a tmpfs, which keeps no such entries.
    #expect(results[14]?.verdict == "ok")
    for test in try story(14).tests where test.level > 0 {
      expectNotFaster(test, "memo in looked-up names")
    }

    // Metrics: 8 of 15 pass (0, 1, 2, 4, 9, 12, 13 and 14).
    let passAt1 = try #require(report.metrics.first { $0.name == "pass@1" })
    #expect(abs(passAt1.value - 8.0 / 15.0) < 1e-9)
    #expect(report.metrics.contains { $0.name == "eff@5" })

    // A rerun measures nothing: everything comes from the content cache.
    let started = Date()
    let again = try await scorer.score(submission, problems: problems) { event in
      if case .measuring(let total, let cached, let resumed) = event {
        #expect(total == 15 && cached == 15 && resumed)
      }
    }
    #expect(again.run.id == report.run.id)
    #expect(again.metrics == report.metrics)
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// A correct sample far too slow for a stress level is stopped at twice the limit (T plus
  /// slack, scaled by the host's drift), not run to four times it or 100 ms: what a hopeless
  /// sample costs is bounded by the limit. It still passes, with the levels from there zeroed.
  @Test func aSampleFarBeyondTheLimitIsStoppedAtTwiceIt() async throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    // The scaffold's known-bad quadratic solution, fifty times over: correct, and on level 1
    // (1,000 values) about a second.
    let quadratic = try String(
      contentsOf: root.appendingPathComponent("Problems/pairs/bad/quadratic.py"), encoding: .utf8)
    let code =
      quadratic.replacingOccurrences(of: "def count_pairs(", with: "def once(") + """

        def count_pairs(values, target):
            for _ in range(49):
                once(values, target)
            return once(values, target)
        """
    let submission = Submission(
      path: root.path, layout: .directory, model: "slow", decoding: [:],
      samples: ["pairs": [code]])
    let store = try BriskStore.inMemory()
    let scorer = Scorer(
      store: store, scripts: try TrustedScripts.install(), launcher: try Launcher.locate(),
      options: ScoringOptions(workers: 1, ks: [1]))
    let report = try await scorer.score(submission, problems: problems) { _ in }
    let story = try #require(
      try store.stories(runID: report.run.id, problemID: "pairs", sampleIndex: 0).first)
    #expect(story.result.passed == true)
    #expect(story.limitLevel == 1)
    #expect(story.result.efficiency == 0)
    // Each stop against its own cap: twice (alpha x the largest baseline, plus slack), scaled by
    // the drift of the expert's latest call on the test (pairs alternate expert-first and
    // sample-first), plus the few milliseconds a kill takes to land.
    let (calls, baseline, largest) = try store.writer.read { db in
      (
        try Row.fetchAll(
          db,
          sql: """
            SELECT m.role, m.repetition, m.case_index, m.cpu_seconds FROM measurement m
            WHERE m.level = 1 ORDER BY m.repetition
            """),
        try Double.fetchOne(
          db, sql: "SELECT baseline_cpu_seconds FROM test_case WHERE level = 1 AND case_index = 0"),
        try Double.fetchOne(
          db, sql: "SELECT max(baseline_cpu_seconds) FROM test_case WHERE level > 0")
      )
    }
    func cpu(of role: String) -> [Double] {
      calls.filter { ($0["role"] as String) == role }.map { $0["cpu_seconds"] as Double }
    }
    let (expert, stopped) = (cpu(of: "reference"), cpu(of: "sample"))
    #expect(calls.allSatisfy { ($0["case_index"] as Int) == 0 })
    #expect(stopped.count == 3 && expert.count == 3, "\(calls)")
    let limit = story.alpha * (try #require(largest)) + story.limitSlack
    for (index, cpu) in stopped.enumerated() where index < expert.count {
      let drift = expert[index - index % 2] / (try #require(baseline))
      let cap = 2 * limit * drift
      #expect(cpu > limit && cpu < cap + 0.015, "stopped at \(cpu) s; cap \(cap) s")
    }
  }
}
