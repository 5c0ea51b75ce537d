import BriskMetrics
import BriskTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import Brisk

@Suite(.tags(.medium))
struct StoreTests {
  static let problem = Problem(
    id: "demo", title: "Demo", tags: [], entryPoint: "f", prompt: "def f(x):\n",
    reference: SolutionFile(path: "reference.py", source: "def f(x):\n    return x\n"),
    performanceLevels: [], knownBad: [],
    levels: [TestLevel(size: 1, tests: 2, weight: 0), TestLevel(size: 10, tests: 1, weight: 1)],
    alpha: 2, memoryBytes: 1 << 30, timeout: 10, checker: .exact, generatorPath: "/dev/null",
    directory: "/tmp", seed: 0, version: "v1")

  static let tests = TestSet(
    problemID: "demo", problemVersion: "v1",
    cases: [(0, 0), (0, 1), (1, 0)].map { level, index in
      let input = Array("[\(level * 10 + index)]".utf8)
      return TestCase(
        level: level, index: index, seed: UInt64(index), input: input, inputHash: SHA256.hex(input),
        expected: Array("\(level)".utf8), expectedHash: SHA256.hex(Array("\(level)".utf8)),
        baselineTime: 0.01)
    })

  static let machine = MachineFingerprint(
    cpuModel: "cpu", cores: 2, kernel: "6", pythonVersion: "3.11", briskVersion: "0")

  @Test func publicViewsHaveTheDocumentedColumns() throws {
    let store = try BriskStore.inMemory()
    let columns: [String: [String]] = [
      "brisk_runs": [
        "run_id", "submission", "model", "started_at", "finished_at", "status",
        "only_correct_samples", "decoding",
      ],
      "brisk_sample_results": [
        "run_id", "problem_id", "sample_index", "code_sha256", "verdict", "passed", "eff", "dps",
        "dps_norm", "dpe_level", "other_cpus",
      ],
      "brisk_metrics": ["run_id", "metric", "k", "value", "ci_low", "ci_high"],
    ]
    for (view, expected) in columns {
      let actual = try store.writer.read { db in try db.columns(in: view).map(\.name) }
      #expect(actual == expected, "\(view)")
    }
  }

  /// Several processes told to use one new file race to create it: every one must open it.
  @Test func concurrentOpensOfANewFileAllSucceed() async throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-race")
    defer { try? FileManager.default.removeItem(at: directory) }
    for attempt in 0..<10 {
      let path = directory.appendingPathComponent("store\(attempt).sqlite").path
      let failures = await withTaskGroup(of: String?.self) { group in
        for _ in 0..<6 {
          group.addTask {
            do {
              _ = try BriskStore.open(path: path).runs()
              return nil
            } catch { return "\(error)" }
          }
        }
        return await group.reduce(into: [String]()) { all, failure in
          if let failure { all.append(failure) }
        }
      }
      #expect(failures.isEmpty, "attempt \(attempt): \(failures)")
    }
  }

  /// `brisk score --db other.db` on another program's database: refused, and the file is left
  /// as it was (Brisk added 17 tables and switched it to WAL).
  @Test func anotherProgramsDatabaseIsNotTurnedIntoAStore() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-foreign")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("other.db").path
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
    try other.close()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let error = #expect(throws: BriskError.self) { try BriskStore.open(path: path) }
    #expect(error?.message.contains("an SQLite database of another program (tables t)") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // A store Brisk made opens again.
    let own = directory.appendingPathComponent("brisk.sqlite").path
    _ = try BriskStore.open(path: own).runs()
    _ = try BriskStore.open(path: own).runs()
  }

  /// SQLite's failures read as the store and what to do: a full disk read "SQLite error 13:
  /// database or disk is full - while executing INSERT OR IGNORE INTO blob ...". (Seen on a
  /// 1 MiB tmpfs, by hand: `brisk score` stopped with the message below.)
  @Test func databaseFailuresNameTheStore() {
    let full = BriskStore.described(DatabaseError(resultCode: .SQLITE_FULL), path: "s.sqlite")
    #expect(full?.message.hasPrefix("s.sqlite: the disk is full. Every sample stored") == true)
    let locked = BriskStore.described(DatabaseError(resultCode: .SQLITE_BUSY), path: "s.sqlite")
    #expect(locked?.message.contains("another process kept the store locked") == true)
    #expect(BriskStore.described(BriskError("x"), path: "s.sqlite") == nil)
  }

  /// A test's input or answer that no longer hashes to its address is found, named by part.
  @Test func alteredTestContentIsFound() {
    #expect(Self.tests.firstAlteredContent() == nil)
    var input = Self.tests
    input.cases[1].input = Array("[2]".utf8)
    #expect(
      input.firstAlteredContent()
        == AlteredTestContent(
          problemID: "demo", level: 0, index: 1, part: "input",
          address: Self.tests.cases[1].inputHash))
    var answer = Self.tests
    answer.cases[2].expected = Array("2".utf8)
    let altered = answer.firstAlteredContent()
    #expect(altered?.part == "expected answer" && altered?.level == 1)
    #expect(
      altered?.message(store: "s.sqlite").hasPrefix(
        "s.sqlite: the expected answer of demo's test 1.0 no longer matches its sha256") == true)
  }

  /// A store another process keeps locked is waited on with a word after a while, once, and
  /// then written; one kept locked past the wait fails as busy. (The wait was 60 s of silence.)
  @Test func aLockedStoreIsWaitedOnAloud() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-locked")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("brisk.sqlite").path
    _ = try BriskStore.open(path: path).runs()
    let notices = Notices()
    let wait = StoreLockWait(noticeAfter: 0.1, giveUpAfter: 3, notify: { notices.append($0) })
    let store = try BriskStore.open(path: path, lockWait: wait)

    // An sqlite3 shell inside a transaction.
    var unsafe = Configuration()
    unsafe.allowsUnsafeTransactions = true
    let shell = try DatabaseQueue(path: path, configuration: unsafe)
    try shell.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    let release = Thread {
      Thread.sleep(forTimeInterval: 0.6)
      try? shell.inDatabase { try $0.execute(sql: "COMMIT") }
    }
    release.start()
    let started = Date()
    _ = try store.machineID(Self.machine)
    #expect(Date().timeIntervalSince(started) >= 0.5)
    #expect(notices.lines.count == 1)
    #expect(
      notices.lines.first?.hasPrefix("\(path): another process holds the store's lock") == true)
    #expect(notices.lines.first?.hasSuffix("waiting up to 3 s") == true)

    let impatient = try BriskStore.open(
      path: path, lockWait: StoreLockWait(noticeAfter: 10, giveUpAfter: 0.3, notify: { _ in }))
    try shell.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    defer { try? shell.inDatabase { try $0.execute(sql: "COMMIT") } }
    let error = #expect(throws: DatabaseError.self) {
      _ = try impatient.machineID(
        MachineFingerprint(
          cpuModel: "other", cores: 2, kernel: "6", pythonVersion: "3.11", briskVersion: "0"))
    }
    #expect(error.map(BriskStore.isBusy) == true)
  }

  /// Lines told from any thread.
  final class Notices: Sendable {
    private let stored = Mutex<[String]>([])
    func append(_ line: String) { stored.withLock { $0.append(line) } }
    var lines: [String] { stored.withLock { $0 } }
  }

  /// A store a newer Brisk migrated is refused by both ways of opening it, and left as it was
  /// (it was resumed into and its run's finish time rewritten).
  @Test func aStoreFromANewerBriskIsRefused() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-newer")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("brisk.sqlite").path
    _ = try BriskStore.open(path: path).runs()
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9 from the future')")
    }
    try raw.close()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let opens: [(String) throws -> BriskStore] = [
      BriskStore.open(path:), BriskStore.openExisting(path:),
    ]
    for open in opens {
      let error = #expect(throws: BriskError.self) { try open(path) }
      #expect(
        error?.message.contains(
          "written by a newer Brisk (schema steps this one does not know: v9 from the future)")
          == true, "\(String(describing: error))")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  /// A reader of a store at the current schema takes no turn under the opening lock: a
  /// leaderboard waited as long as anything held the store's directory locked.
  @Test func readingAStoreWaitsForNoOpeningLock() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-reader")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("brisk.sqlite").path
    _ = try BriskStore.open(path: path).runs()
    let held = Glibc.open(directory.path, O_RDONLY | O_DIRECTORY)
    #expect(flock(held, LOCK_EX) == 0)
    let opened = DispatchSemaphore(value: 0)
    Thread {
      _ = try? BriskStore.openExisting(path: path).runs()
      opened.signal()
    }.start()
    let waited = opened.wait(timeout: .now() + 30) == .timedOut
    Glibc.close(held)  // lets a waiting reader go on, so that a failure does not hang
    if waited { opened.wait() }
    #expect(!waited, "the reader waited for the opening lock")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["brisk.sqlite"], "\(leftovers)")
  }

  /// Opening waits out another program's lock; any other error is the store's, at once.
  @Test func onlyABusyFileIsOpenedAgain() {
    for (code, message) in [
      (ResultCode.SQLITE_BUSY, "database is locked"), (.SQLITE_LOCKED, "database table is locked"),
    ] {
      #expect(BriskStore.isBusy(DatabaseError(resultCode: code, message: message)))
    }
    for (code, message) in [
      (ResultCode.SQLITE_ERROR, "table machine already exists"),
      (.SQLITE_CONSTRAINT, "UNIQUE constraint failed: grdb_migrations.identifier"),
      (.SQLITE_NOTADB, "file is not a database"),
    ] {
      #expect(!BriskStore.isBusy(DatabaseError(resultCode: code, message: message)))
    }
  }

  @Test func aStoreWrittenBeforeTheBlobMigrationKeepsEveryBlob() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-v1")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("old.sqlite").path
    // A file as the first release wrote it: migration v1 only, blobs WITHOUT ROWID.
    let old = try DatabaseQueue(path: path)
    try StoreSchema.migrator.migrate(old, upTo: "v1")
    let contents: [[UInt8]] =
      Self.tests.cases.flatMap { [$0.input, $0.expected] } + [Array(repeating: 7, count: 1 << 20)]
    try old.write { db in
      for content in contents { try BriskStore.saveBlob(db, hash: SHA256.hex(content), content) }
    }
    try old.close()

    let store = try BriskStore.open(path: path)
    try store.writer.read { db in
      for content in contents { #expect(try BriskStore.blob(db, SHA256.hex(content)) == content) }
      let schema = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'blob'")
      #expect(schema?.contains("WITHOUT ROWID") == false)
    }
    // Saving the same content again is still a no-op.
    try store.writer.write { db in
      try BriskStore.saveBlob(db, hash: SHA256.hex(contents[0]), contents[0])
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM blob") == Set(contents).count)
    }
  }

  /// A store with a run measured before Brisk recorded host load: it opens, and its results
  /// read as before, with no figure.
  @Test func evaluationsStoredBeforeHostLoadReadWithoutIt() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-store-v2")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("old.sqlite").path
    let old = try DatabaseQueue(path: path)
    try StoreSchema.migrator.migrate(old, upTo: "v2 blob by rowid")
    try old.write { db in
      try BriskStore.saveBlob(db, hash: "code", Array("def f(): pass".utf8))
      try db.execute(
        sql: """
          INSERT INTO machine VALUES (1, 'm', 'cpu', 2, '6', '3.11', '0');
          INSERT INTO problem_version VALUES (1, 'demo', '1', 't', 'f', 2, 0.01, '[1]', 'now');
          INSERT INTO test_set VALUES (1, 1, 'h', 'now');
          INSERT INTO run VALUES (1, 'k', 's', 'h', 'model', '{}', 'c', 1,
            '2026-11-01 00:00:00.000', NULL, 'running');
          INSERT INTO sample VALUES (1, 1, 'demo', 0, 1, 'code');
          INSERT INTO evaluation (code_sha256, test_set_id, machine_id, configuration_key, signal,
            verdict, passed, efficiency, level_efficiencies, time_limit, elapsed_seconds,
            created_at)
          VALUES ('code', 1, 1, 'c', 'cpu_time', 'ok', 1, 0.75, '[0.75]', 0.1, 1.5, 'now');
          """)
    }
    try old.close()
    let store = try BriskStore.open(path: path)
    let results = try store.sampleResults(runID: 1)
    #expect(results.map(\.efficiency) == [0.75])
    #expect(results.map(\.otherCPUs) == [nil])
    #expect(HostLoadSummary(results) == nil)
    // A run stored before Brisk recorded how its samples were chosen took all of them, and
    // declared no decoding settings.
    #expect(try store.runs().map(\.onlyCorrectSamples) == [false])
    #expect(try store.runs().map(\.decoding) == [[:]])
  }

  @Test func testSetsRoundTripAndAreStoredOnce() throws {
    let store = try BriskStore.inMemory()
    let version = try store.problemVersionID(Self.problem)
    #expect(try store.problemVersionID(Self.problem) == version)
    #expect(try store.testSet(problemVersionID: version, problem: Self.problem) == nil)
    let id = try store.saveTestSet(Self.tests, problemVersionID: version)
    #expect(try store.saveTestSet(Self.tests, problemVersionID: version) == id)
    let loaded = try #require(try store.testSet(problemVersionID: version, problem: Self.problem))
    #expect(loaded.id == id)
    #expect(loaded.tests == Self.tests)
  }

  func evaluation(passed: Bool, efficiency: Double) -> SampleEvaluation {
    let call = CallMeasurement(cpu: 0.01, wall: 0.011, maxRSSKilobytes: 9000, instructions: nil)
    return SampleEvaluation(
      signal: "cpu_time", verdict: passed ? .passed : .wrongAnswer("no"),
      efficiency: SampleEfficiency(
        passed: passed, levelEfficiencies: [0, efficiency], efficiency: efficiency, timeLimit: 0.02,
        limitLevel: nil),
      performanceRatio: 1, dpe: PerformanceLevelMatch(level: 0, normalizedScore: 100, score: 100),
      tests: [
        MeasuredTest(
          level: 1, index: 0, verdict: .passed, sample: [call, call], reference: [call, call],
          ratio: RatioEstimate(pairs: [
            CostPair(sample: 1, reference: 1), CostPair(sample: 1, reference: 1),
          ]), referenceTime: 0.01, sampleTime: 0.01)
      ])
  }

  @Test func runsResumeAndEvaluationsAreNeverDuplicated() throws {
    let store = try BriskStore.inMemory()
    let machine = try store.machineID(Self.machine)
    #expect(try store.machineID(Self.machine) == machine)
    let version = try store.problemVersionID(Self.problem)
    let testSet = try store.saveTestSet(Self.tests, problemVersionID: version)
    let samples = ["def f(x):\n    return 0\n", "def f(x):\n    return 1\n"].enumerated().map {
      SampleEntry(
        problemID: "demo", sampleIndex: $0.offset, problemVersionID: version, code: $0.element,
        codeSHA256: SHA256.hex($0.element))
    }
    func start() throws -> (run: StoredRun, resumed: Bool) {
      try store.startRun(
        key: "k", submission: "s", submissionHash: "h", model: "m", configuration: "{}",
        configurationKey: "c", machineID: machine, samples: samples)
    }
    let (run, resumed) = try start()
    #expect(!resumed)
    #expect(try store.sampleResults(runID: run.id).allSatisfy { $0.verdict == nil })

    var measured = evaluation(passed: true, efficiency: 0.5)
    measured.otherCPUs = 0.37
    try store.saveEvaluation(
      measured, codeSHA256: samples[0].codeSHA256, testSetID: testSet, machineID: machine,
      configurationKey: "c")
    // A second process storing the same evaluation changes nothing.
    try store.saveEvaluation(
      evaluation(passed: false, efficiency: 0), codeSHA256: samples[0].codeSHA256,
      testSetID: testSet,
      machineID: machine, configurationKey: "c")
    #expect(
      try store.hasEvaluation(
        codeSHA256: samples[0].codeSHA256, testSetID: testSet, machineID: machine,
        configurationKey: "c"))

    let (again, resumedAgain) = try start()
    #expect(resumedAgain && again.id == run.id)
    let results = try store.sampleResults(runID: run.id)
    #expect(results.map(\.verdict) == ["ok", nil])
    #expect(results.first?.efficiency == 0.5)
    #expect(results.map(\.otherCPUs) == [0.37, nil])
    let counts = try store.writer.read { db in
      try ["evaluation", "measurement", "test_result", "sample", "run"].map {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
      }
    }
    #expect(counts == [1, 4, 1, 2, 1])
  }

  @Test func runsKeepTheDecodingTheirManifestDeclared() throws {
    let store = try BriskStore.inMemory()
    let machine = try store.machineID(Self.machine)
    func start(_ decoding: [String: String]) throws -> StoredRun {
      try store.startRun(
        key: "k", submission: "s", submissionHash: "h", model: "m", configuration: "{}",
        configurationKey: "c", machineID: machine, samples: [], decoding: decoding
      ).run
    }
    let run = try start(["temperature": "0.8", "top_p": "0.95"])
    try store.completeRun(run.id, metrics: [])
    #expect(try store.runs().first?.decoding == ["temperature": "0.8", "top_p": "0.95"])
    let json = try store.writer.read { db in
      try String.fetchOne(db, sql: "SELECT decoding FROM brisk_runs")
    }
    #expect(json == #"{"temperature":"0.8","top_p":"0.95"}"#)
    // Corrected in the manifest and scored again: the same run, with the corrected settings.
    let again = try start(["temperature": "0.2"])
    #expect(again.id == run.id && again.decoding == ["temperature": "0.2"])
  }

  @Test func metricsAreStoredWithTheirIntervals() throws {
    let store = try BriskStore.inMemory()
    let machine = try store.machineID(Self.machine)
    let version = try store.problemVersionID(Self.problem)
    _ = try store.saveTestSet(Self.tests, problemVersionID: version)
    let (run, _) = try store.startRun(
      key: "k", submission: "s", submissionHash: "h", model: "m", configuration: "{}",
      configurationKey: "c", machineID: machine, samples: [])
    let metrics = [
      MetricValue(
        metric: "pass", k: 1, value: 0.5, interval: ConfidenceInterval(low: 0.25, high: 0.75),
        problems: 2),
      MetricValue(
        metric: "dps", k: nil, value: 80, interval: ConfidenceInterval(low: 70, high: 90),
        problems: 2),
    ]
    try store.completeRun(run.id, metrics: metrics)
    try store.completeRun(run.id, metrics: metrics)
    #expect(Set(try store.metrics(runID: run.id).map(\.name)) == ["pass@1", "dps"])
    #expect(try store.runs().first?.status == "complete")
    let view = try store.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT metric, k, value, ci_low, ci_high FROM brisk_metrics ORDER BY metric")
    }
    #expect(view.count == 2)
    #expect(view.first?["metric"] == "dps")

    // Rerun with another --k: the new figures are added and replace their own, never the rest.
    let rerun = [
      MetricValue(
        metric: "dps", k: nil, value: 81, interval: ConfidenceInterval(low: 71, high: 91),
        problems: 2)
    ]
    try store.completeRun(run.id, metrics: rerun)
    let kept = try store.metrics(runID: run.id)
    #expect(Set(kept.map(\.name)) == ["pass@1", "dps"])
    #expect(kept.first { $0.name == "dps" }?.value == 81)
  }
}
