import BriskTestSupport
import Foundation
import Testing

/// `brisk score` as a user runs it: killed at any moment it loses at most the samples in
/// flight and never corrupts or duplicates rows; two processes can share one store.
@Suite(.serialized, .tags(.large))
struct ScoreCommandTests {
  /// A problem set from `brisk problem new`, scaled down, and a submission of `count` samples.
  func workspace(samples count: Int) throws -> URL {
    let root = try Fixtures.temporaryDirectory("brisk-score-cli")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("set/Problems"), withIntermediateDirectories: true)
    let created = try BriskBinary.run([
      "problem", "new", "--problems", root.appendingPathComponent("set").path, "pairs",
    ])
    #expect(created.status == 0, "\(created.stderr)")
    let manifest = root.appendingPathComponent("set/Problems/pairs/problem.toml")
    var text = try String(contentsOf: manifest, encoding: .utf8)
    for (old, new) in [
      ("size = 2000", "size = 1000"), ("size = 20000", "size = 4000"),
      ("size = 200000", "size = 20000"),
    ] {
      text = text.replacingOccurrences(of: old, with: new)
    }
    try text.write(to: manifest, atomically: true, encoding: .utf8)
    let hostile = Fixtures.directory.appendingPathComponent("HostileSamples/pairs")
    let folder = root.appendingPathComponent("submission/pairs")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for index in 0..<count {
      // Distinct code per sample (a comment), so that the cache does not merge them.
      let source = try String(
        contentsOf: hostile.appendingPathComponent("\([0, 1, 2, 4][index % 4]).py"), encoding: .utf8
      )
      try (source + "\n# sample \(index)\n").write(
        to: folder.appendingPathComponent("\(index).py"), atomically: true, encoding: .utf8)
    }
    return root
  }

  func score(
    _ root: URL, database: String = "brisk.sqlite", submission: String = "submission",
    options: [String] = [], environment: [String: String] = [:]
  ) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BriskBinary.path)
    process.arguments =
      [
        "score", submission, "--problems", "set", "--db", database, "--k", "1,2", "--model",
        submission,
      ] + options
    process.currentDirectoryURL = root
    // A cache of its own puts this test's path on every sandbox it starts, to find leftovers.
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["BRISK_CACHE_DIR": root.appendingPathComponent("cache").path].merging(environment) { $1 }
    ) { $1 }
    process.standardOutput = FileHandle.nullDevice
    // Kept beside the store, so that a failed expectation can quote it.
    let log = root.appendingPathComponent("\(submission).stderr")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    return process
  }

  func query(_ database: URL, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database.path, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func killedAtAnyMomentItResumesWithoutDamage() throws {
    let root = try workspace(samples: 8)
    defer { try? FileManager.default.removeItem(at: root) }
    let database = root.appendingPathComponent("brisk.sqlite")
    var kills = 0
    for delay in [0.4, 1.5, 3.0, 4.5, 6.0] {
      let process = try score(root)
      Thread.sleep(forTimeInterval: delay)
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        kills += 1
      }
      process.waitUntilExit()
      if FileManager.default.fileExists(atPath: database.path) {
        #expect(try query(database, "PRAGMA integrity_check") == "ok")
      }
    }
    #expect(kills >= 3, "scoring finished too fast to be interrupted")
    let final = try score(root)
    final.waitUntilExit()
    #expect(final.terminationStatus == 0)
    #expect(try query(database, "PRAGMA integrity_check") == "ok")
    #expect(
      try query(database, "SELECT count(*), count(DISTINCT code_sha256) FROM evaluation") == "8|8")
    #expect(try query(database, "SELECT count(*) FROM sample") == "8")
    #expect(try query(database, "SELECT status FROM brisk_runs") == "complete")
    #expect(
      try query(database, "SELECT count(*) FROM brisk_sample_results WHERE verdict IS NULL") == "0")
    #expect(
      try query(database, "SELECT value FROM brisk_metrics WHERE metric = 'pass' AND k = 1")
        == "1.0")
    let duplicates = try query(
      database,
      "SELECT count(*) FROM (SELECT evaluation_id, level, case_index, role, repetition, count(*) c FROM measurement GROUP BY 1,2,3,4,5 HAVING c > 1)"
    )
    #expect(duplicates == "0")
    let leftovers = Processes.all().filter { $0.commandLine.contains(root.path) }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  /// Ctrl-C says how many samples are kept and how to resume, exits 130, and the same
  /// command then takes up the run without measuring them again.
  @Test func anInterruptionSaysWhatIsKeptAndHowToResume() throws {
    let root = try workspace(samples: 8)
    defer { try? FileManager.default.removeItem(at: root) }
    let database = root.appendingPathComponent("brisk.sqlite")
    let logFile = root.appendingPathComponent("submission.stderr")
    let process = try score(root, options: ["--jobs", "1"])
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline
      && !((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").contains("Scoring:")
    {
      Thread.sleep(forTimeInterval: 0.1)
    }
    Thread.sleep(forTimeInterval: 2)
    #expect(process.isRunning, "scoring finished too fast to be interrupted")
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    let log = try String(contentsOf: logFile, encoding: .utf8)
    #expect(process.terminationStatus == 130, "\(log)")
    let notice = try #require(
      log.components(separatedBy: "\n").last { $0.hasPrefix("Interrupted: ") }, "\(log)")
    #expect(
      notice.hasSuffix(
        "Run the same command again to resume; what is stored is not measured again."))
    let kept = try #require(
      Int(notice.dropFirst("Interrupted: ".count).prefix { $0.isNumber }), "\(notice)")
    #expect(notice.contains("\(kept) of 8 samples measured and stored"), "\(notice)")
    // A sample stored after the count was taken is stored all the same.
    let stored = try #require(Int(try query(database, "SELECT count(*) FROM evaluation")))
    #expect(stored >= kept && stored < 8, "\(log)")
    #expect(try query(database, "PRAGMA integrity_check") == "ok")

    let rerun = try score(root, options: ["--jobs", "1"])
    rerun.waitUntilExit()
    let second = try String(contentsOf: logFile, encoding: .utf8)
    #expect(rerun.terminationStatus == 0, "\(second)")
    #expect(
      second.contains("Resuming the run: 8 distinct samples, \(stored) already measured"),
      "\(second)")
    #expect(try query(database, "SELECT status FROM brisk_runs") == "complete")

    // Scored again, a complete run is read, not reopened: its finish time stays.
    let finished = try query(database, "SELECT finished_at FROM brisk_runs")
    let reread = try score(root, options: ["--jobs", "1"])
    reread.waitUntilExit()
    #expect(
      try String(contentsOf: logFile, encoding: .utf8).contains(
        "Reading the stored run: all 8 distinct samples are measured."))
    #expect(try query(database, "SELECT finished_at FROM brisk_runs") == finished)

    // A fresh run interrupted twice is taken up by the same command each time (each fresh
    // invocation started a run of its own, and the interrupted one stayed unfinished), and
    // the second notice counts what the first session stored too.
    func interruptedFresh() throws -> String {
      let fresh = try score(root, options: ["--jobs", "1", "--fresh"])
      Thread.sleep(forTimeInterval: 4)
      kill(fresh.processIdentifier, SIGINT)
      fresh.waitUntilExit()
      let log = try String(contentsOf: logFile, encoding: .utf8)
      return log.components(separatedBy: "\n").last { $0.hasPrefix("Interrupted: ") } ?? log
    }
    _ = try interruptedFresh()
    let before = try #require(Int(try query(database, "SELECT count(*) FROM evaluation")))
    let secondNotice = try interruptedFresh()
    if before > 8 {  // the first fresh session stored some
      #expect(secondNotice.contains(" before)."), "\(secondNotice)")
    }
    let freshRerun = try score(root, options: ["--jobs", "1", "--fresh"])
    freshRerun.waitUntilExit()
    let last = try String(contentsOf: logFile, encoding: .utf8)
    #expect(freshRerun.terminationStatus == 0, "\(last)")
    #expect(last.contains("Resuming the run: 8 distinct samples, "), "\(last)")
    #expect(
      try query(database, "SELECT group_concat(status) FROM brisk_runs") == "complete,complete")
    #expect(try query(database, "SELECT count(*) FROM evaluation") == "16", "before: \(before)")
    let leftovers = Processes.all().filter { $0.commandLine.contains(root.path) }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  /// Settings that would make the figures meaningless or the run endless are usage mistakes.
  @Test(arguments: [
    (
      ["score", "x", "--jobs", "\(ProcessInfo.processInfo.activeProcessorCount + 64)"],
      "each worker needs one of its own"
    ),
    (["problem", "check", "--all", "--jobs", "999"], "use at most"),
    (["score", "x", "--repetitions", "1000"], "--repetitions takes 1 to 100"),
    (["score", "x", "--repetitions", "0"], "--repetitions takes 1 to 100"),
    (["compare", "1", "1", "--db", "a.sqlite", "--db", "b.sqlite"], "--db is given 2 times"),
    (["compare", "x#", "1"], "x#: a run is an id (3), or FILE:ID or FILE#ID"),
    (["score", "x", "--k", "1,,10"], "--k takes positive integers separated by commas"),
    (["explain", "1", "p", "--db=a.sqlite", "--db", "b.sqlite"], "this command uses one store"),
  ])
  func outOfRangeSettingsAreUsageMistakes(arguments: [String], message: String) throws {
    let result = try BriskBinary.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// An imported problem cannot meet the rules for Brisk's own (three DPE levels, a 20 ms
  /// expert): `problem check` passes it and lists them as notes (it failed every import).
  @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.sharedData.path)))
  func anImportedProblemPassesWithItsRulesAsNotes() throws {
    let root = try Fixtures.temporaryDirectory("brisk-imported-check")
    defer { try? FileManager.default.removeItem(at: root) }
    let set = root.appendingPathComponent("enamel").path
    let csv = Fixtures.sharedData.appendingPathComponent("enamel/enamel.csv").path
    #expect(try BriskBinary.run(["import", "enamel", csv, "--out", set]).status == 0)
    // HumanEval_32's example shows one root of several (its checker would accept any, but the
    // example rounds the call), and HumanEval_39's generator repeats one input on its top
    // level: notes, not findings.
    let checked = try BriskBinary.run(
      [
        "problem", "check", "--problems", set, "HumanEval_0", "HumanEval_32", "HumanEval_39",
        "HumanEval_47",
      ])
    #expect(checked.status == 0, "\(checked.stdout)")
    #expect(checked.stdout.contains("ok    HumanEval_0"), "\(checked.stdout)")
    // HumanEval/0's reference sorts its argument in place.
    #expect(
      checked.stdout.contains(
        "HumanEval_0/reference.py (level 0, case 1): mutates its arguments: copy them first. "
          + "Brisk's scores are unaffected"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "shows 1.0, but the expert gives 2.0: fix the example or the expert (the custom checker "
          + "may accept both, but it judges only a bare call of the entry point on literals"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "    HumanEval_39: Generators/HumanEval_39.py (level 3): all 4 tests of this level have "
          + "the same input"), "\(checked.stdout)")
    // HumanEval's own prompt for median() shows an answer no correct solution gives.
    #expect(
      checked.stdout.contains(
        "HumanEval_47: Problems/HumanEval_47/prompt.py: line 5: the example "
          + "`median([-10, 4, 6, 1000, 10, 20])` shows 15.0, but the expert gives 8.0"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "  note: imported from ENAMEL, so Brisk's rules for its own problems inform:\n"
          + "    HumanEval_0: Problems/HumanEval_0/problem.toml: declare at least three [[dpe]]"),
      "\(checked.stdout)")
  }

  /// HumanEval's problems are tested by its assertions: no generator, correctness only. The
  /// doctor and `problem show` took them for generated problems (a missing generator).
  @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.sharedData.path)))
  func anAssertionTestedProblemIsCheckedWithoutAGenerator() throws {
    let root = try Fixtures.temporaryDirectory("brisk-humaneval-check")
    defer { try? FileManager.default.removeItem(at: root) }
    let set = root.appendingPathComponent("he").path
    let data = Fixtures.sharedData.appendingPathComponent("humaneval/HumanEval.jsonl.gz").path
    #expect(try BriskBinary.run(["import", "humaneval", data, "--out", set]).status == 0)
    let checked = try BriskBinary.run(["problem", "check", "--problems", set, "HumanEval_2"])
    #expect(checked.status == 0, "\(checked.stdout)")
    #expect(
      checked.stdout.contains("ok    HumanEval_2  1 test, correctness only"), "\(checked.stdout)")
    #expect(!checked.stdout.contains("[[dpe]]"), "no DPE rule without efficiency")
    let shown = try BriskBinary.run(["problem", "show", "--problems", set, "HumanEval_2"])
    #expect(shown.stdout.contains("tests       assertions: "), "\(shown.stdout)")
    #expect(!shown.stdout.contains("generator "), "\(shown.stdout)")
  }

  /// A custom checker without check(), or one that answers a wrong output with None, stops
  /// the scoring with its file named, before any sample: each sample was charged with it (an
  /// infrastructure fault, or a wrong answer).
  @Test func aBrokenCustomCheckerStopsTheScoringNamingItsFile() throws {
    let root = try workspace(samples: 1)
    defer { try? FileManager.default.removeItem(at: root) }
    let problem = root.appendingPathComponent("set/Problems/pairs")
    let manifest = problem.appendingPathComponent("problem.toml")
    try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
      of: "[checker]\nkind = \"exact\"", with: "[checker]\nkind = \"custom\"\nfile = \"checker.py\""
    ).write(to: manifest, atomically: true, encoding: .utf8)
    let checker = problem.appendingPathComponent("checker.py")
    for (source, message) in [
      ("def judge(args, expected, output):\n    return True\n", "defines no function check"),
      (
        "def check(args, expected, output):\n    if output == expected:\n        return True\n",
        "the checker neither accepts nor rejects it"
      ),
    ] {
      try source.write(to: checker, atomically: true, encoding: .utf8)
      let process = try score(root)
      process.waitUntilExit()
      let log = try String(
        contentsOf: root.appendingPathComponent("submission.stderr"), encoding: .utf8)
      #expect(process.terminationStatus == 1, "\(log)")
      #expect(log.contains(checker.path) && log.contains(message), "\(log)")
      // Nothing is stored for a problem whose tests could not be made, not even its version.
      for table in ["evaluation", "problem_version"] {
        #expect(
          try query(root.appendingPathComponent("brisk.sqlite"), "SELECT count(*) FROM \(table)")
            == "0")
      }
    }
  }

  /// A stored answer altered inside the file (SQLite's integrity check still says ok) stops
  /// the scoring with the test named, rather than storing the wrong answer it makes of a
  /// correct sample (it did, and the run read complete).
  @Test func anAlteredStoredAnswerStopsTheScoring() throws {
    let root = try workspace(samples: 1)
    defer { try? FileManager.default.removeItem(at: root) }
    let database = root.appendingPathComponent("brisk.sqlite")
    let first = try score(root)
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    _ = try query(
      database,
      "UPDATE blob SET content = CAST('-12345' AS BLOB) WHERE hash = (SELECT expected_hash "
        + "FROM test_case WHERE level = 1 AND case_index = 0)")
    #expect(try query(database, "PRAGMA integrity_check") == "ok")
    let again = try BriskBinary.run(
      ["score", "submission", "--problems", "set", "--fresh"], directory: root)
    #expect(again.status == 1)
    // Its answer may also be another test's, listed first.
    #expect(again.stderr.contains("brisk.sqlite: the expected answer of pairs's test "))
    #expect(again.stderr.contains(" no longer matches its sha256"), "\(again.stderr)")
    #expect(try query(database, "SELECT count(*) FROM evaluation") == "1")
  }

  /// --skip-unknown that leaves nothing is an error, not an empty "complete" run.
  /// Where no tmpfs copy can be made (here: a home others may write to), the run goes on
  /// with the host's files, says so, and records it with the run.
  @Test func aRunWithoutTheTmpfsCopySaysSoAndRecordsIt() throws {
    let root = try workspace(samples: 1)
    defer { try? FileManager.default.removeItem(at: root) }
    let home = root.appendingPathComponent("open-home")
    try FileManager.default.createDirectory(
      at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
    let process = try score(root, environment: ["BRISK_SYSTEM_DIR": home.path])
    process.waitUntilExit()
    let log = try String(
      contentsOf: root.appendingPathComponent("submission.stderr"), encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(log)")
    #expect(
      log.contains("warning: the sandbox serves the interpreter from the host's disk"), "\(log)")
    #expect(log.contains("others may write to it"), "\(log)")
    let database = root.appendingPathComponent("brisk.sqlite")
    #expect(
      try query(database, "SELECT json_extract(configuration, '$.files') FROM run") == "host_disk")

    // With a home of its own on a tmpfs, the next run is served the copy, and records that.
    let tmpfsHome = "/dev/shm/brisk-cli-test-\(UUID().uuidString.prefix(8))"
    defer { try? FileManager.default.removeItem(atPath: tmpfsHome) }
    let again = try score(root, options: ["--fresh"], environment: ["BRISK_SYSTEM_DIR": tmpfsHome])
    again.waitUntilExit()
    #expect(again.terminationStatus == 0)
    #expect(
      try query(
        database, "SELECT json_extract(configuration, '$.files') FROM run ORDER BY id DESC LIMIT 1")
        == "tmpfs_copy")
  }

  @Test func skippingEverySampleIsAnError() throws {
    let root = try workspace(samples: 0)
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("elsewhere/HumanEval_0")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "def f():\n    return 1\n".write(
      to: folder.appendingPathComponent("0.py"), atomically: true, encoding: .utf8)
    let result = try BriskBinary.run(
      ["score", "elsewhere", "--problems", "set", "--skip-unknown"], directory: root)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no sample is for a problem in"), "\(result.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: root.appendingPathComponent("brisk.sqlite").path))
  }

  /// A busy loop beside a one-worker run: Brisk says so while it measures (after a few
  /// samples) and again at the end, and stores the figure with every evaluation.
  @Test func aBusyHostIsReportedWhileAndAfterScoring() throws {
    let root = try workspace(samples: 6)
    defer { try? FileManager.default.removeItem(at: root) }
    let hog = try BusyLoop()
    defer { hog.stop() }
    let process = try score(root, options: ["--jobs", "1"])
    process.waitUntilExit()
    let log = try String(
      contentsOf: root.appendingPathComponent("submission.stderr"), encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(log)")
    let warnings = log.components(separatedBy: "\n").filter {
      $0.hasPrefix("warning: other processes used")
    }
    #expect(warnings.count == 2, "\(log)")
    #expect(warnings.first?.contains("the last 5 samples") == true, "\(log)")
    // The busy loop takes a whole CPU: about 1.
    let mean = try query(
      root.appendingPathComponent("brisk.sqlite"),
      "SELECT avg(other_cpus) >= 0.5, count(other_cpus) FROM brisk_sample_results")
    #expect(mean == "1|6", "\(log)")
  }

  @Test func twoProcessesShareOneStore() throws {
    let root = try workspace(samples: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("submission"), to: root.appendingPathComponent("other"))
    let first = try score(root, submission: "submission")
    let second = try score(root, submission: "other")
    first.waitUntilExit()
    second.waitUntilExit()
    var logs = ""
    for (process, name) in [(first, "submission"), (second, "other")] {
      let log = try String(
        contentsOf: root.appendingPathComponent("\(name).stderr"), encoding: .utf8)
      #expect(process.terminationStatus == 0, "\(name): \(log)")
      logs += "\(name):\n\(log)\n"
    }
    let database = root.appendingPathComponent("brisk.sqlite")
    #expect(try query(database, "PRAGMA integrity_check") == "ok")
    let runs = try query(database, "SELECT group_concat(id || ' ' || status, ', ') FROM brisk_runs")
    #expect(
      try query(database, "SELECT count(*) FROM brisk_runs WHERE status = 'complete'") == "2",
      "runs: \(runs)\n\(logs)")
    // The same code was measured once, whichever process got there first.
    #expect(try query(database, "SELECT count(*) FROM evaluation") == "2")
  }

  /// One manifest that does not load is that problem's finding: `problem check --all` still
  /// checks the others (it stopped at the first error). A DPE level that disagrees with the
  /// expert is told with the values and the arguments.
  @Test func checkAllReportsAManifestThatDoesNotLoadAndChecksTheRest() throws {
    let root = try workspace(samples: 0)
    defer { try? FileManager.default.removeItem(at: root) }
    let set = root.appendingPathComponent("set").path
    #expect(try BriskBinary.run(["problem", "new", "--problems", set, "broken"]).status == 0)
    let manifest = root.appendingPathComponent("set/Problems/broken/problem.toml")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    try text.replacingOccurrences(of: "alpha = 2.0", with: "alpah = 2.0").write(
      to: manifest, atomically: true, encoding: .utf8)
    // An expert whose answers change between runs is told as such, once.
    #expect(try BriskBinary.run(["problem", "new", "--problems", set, "flaky"]).status == 0)
    let flaky = root.appendingPathComponent("set/Problems/flaky/reference.py")
    try
      (String(contentsOf: flaky, encoding: .utf8)
      + "\nimport os as _os\n_right = count_pairs\n\n\ndef count_pairs(values, target):\n"
      + "    return _right(values, target) + _os.urandom(1)[0] % 2\n").write(
        to: flaky, atomically: true, encoding: .utf8)
    // Tests whose answers are all one value.
    #expect(try BriskBinary.run(["problem", "new", "--problems", set, "constant"]).status == 0)
    let constant = root.appendingPathComponent("set/Generators/constant.py")
    try String(contentsOf: constant, encoding: .utf8).replacingOccurrences(
      of: "    if level == 0:", with: "    if level < 0:"
    ).replacingOccurrences(
      of: "    return (values, rng.randint(-spread, spread))", with: "    return (values, 10**9)"
    ).write(to: constant, atomically: true, encoding: .utf8)
    // Its custom checker takes 1 as well as 0 for no values: a prompt example showing 1 holds.
    let constantProblem = root.appendingPathComponent("set/Problems/constant")
    try
      "def check(args, expected, output):\n    return output == expected or (args[0] == [] and output == 1)\n"
      .write(
        to: constantProblem.appendingPathComponent("checker.py"), atomically: true,
        encoding: .utf8)
    for (file, old, new) in [
      (
        "problem.toml", "[checker]\nkind = \"exact\"",
        "[checker]\nkind = \"custom\"\nfile = \"checker.py\""
      ),
      ("prompt.py", ">>> count_pairs([], 5)\n    0\n", ">>> count_pairs([], 5)\n    1\n"),
    ] {
      let url = constantProblem.appendingPathComponent(file)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(text.contains(old), "\(file)")
      try text.replacingOccurrences(of: old, with: new).write(
        to: url, atomically: true, encoding: .utf8)
    }
    // A custom checker without a final return: None for every wrong answer.
    #expect(try BriskBinary.run(["problem", "new", "--problems", set, "forgetful"]).status == 0)
    let forgetful = root.appendingPathComponent("set/Problems/forgetful")
    try "def check(args, expected, output):\n    if output == expected:\n        return True\n"
      .write(
        to: forgetful.appendingPathComponent("checker.py"), atomically: true, encoding: .utf8)
    let forgetfulManifest = forgetful.appendingPathComponent("problem.toml")
    try String(contentsOf: forgetfulManifest, encoding: .utf8).replacingOccurrences(
      of: "[checker]\nkind = \"exact\"", with: "[checker]\nkind = \"custom\"\nfile = \"checker.py\""
    ).write(to: forgetfulManifest, atomically: true, encoding: .utf8)
    // A level of identical tests, and a known-bad solution that is the expert's own code.
    let generator = root.appendingPathComponent("set/Generators/pairs.py")
    try String(contentsOf: generator, encoding: .utf8).replacingOccurrences(
      of: "    spread = max(4, size // 2)",
      with:
        "    if level == 2:\n        return ([1, 2, 3] * 100, 4)\n    spread = max(4, size // 2)"
    ).write(to: generator, atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("set/Problems/pairs/reference.py"),
      to: root.appendingPathComponent("set/Problems/pairs/bad/same.py"))
    // A correct solution declared rejected.
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("set/Problems/pairs/dpe/binary_search.py"),
      to: root.appendingPathComponent("set/Problems/pairs/bad/correct.py"))
    let pairsManifest = root.appendingPathComponent("set/Problems/pairs/problem.toml")
    try
      (String(contentsOf: pairsManifest, encoding: .utf8)
      + "\n[[known_bad]]\nfile = \"bad/same.py\"\nexpect = \"slower\"\n"
      + "\n[[known_bad]]\nfile = \"bad/correct.py\"\nexpect = \"rejected\"\n").write(
        to: pairsManifest, atomically: true, encoding: .utf8)
    // A known-bad solution rejected only because it defines no entry point proves nothing.
    try "def other(values, target):\n    return 0\n".write(
      to: root.appendingPathComponent("set/Problems/pairs/bad/counts_ordered_pairs.py"),
      atomically: true, encoding: .utf8)
    // A prompt example the expert contradicts.
    let prompt = root.appendingPathComponent("set/Problems/pairs/prompt.py")
    let promptText = try String(contentsOf: prompt, encoding: .utf8)
    #expect(promptText.contains(">>> count_pairs([], 5)\n    0\n"))
    try promptText.replacingOccurrences(
      of: ">>> count_pairs([], 5)\n    0\n", with: ">>> count_pairs([], 5)\n    1\n"
    ).write(to: prompt, atomically: true, encoding: .utf8)
    let exampleLine = promptText.components(separatedBy: "\n").firstIndex {
      $0.contains(">>> count_pairs([], 5)")
    }.map { $0 + 1 }
    let shown = try BriskBinary.run(["problem", "show", "--problems", set, "pairs"])
    for line in [
      "checker     exact\n",
      "time limit  T = alpha x the expert's largest time over weighted levels; a call beyond T + 10 ms is a time limit\n",
      "seed        ",
    ] {
      #expect(shown.stdout.contains(line), "\(shown.stdout)")
    }
    let level = root.appendingPathComponent("set/Problems/pairs/dpe/sort_and_scan.py")
    try
      (String(contentsOf: level, encoding: .utf8) + "\n_right = count_pairs\n"
      + "count_pairs = lambda values, target: _right(values, target) + 1\n").write(
        to: level, atomically: true, encoding: .utf8)
    // A level that raises is told once (not again by the DPE calibration), and a slower
    // known-bad solution that defines no entry point is told as such.
    let raising = root.appendingPathComponent("set/Problems/pairs/dpe/binary_search.py")
    try
      (String(contentsOf: raising, encoding: .utf8)
      + "\n\ndef count_pairs(values, target):\n    raise ValueError('not yet')\n").write(
        to: raising, atomically: true, encoding: .utf8)
    let quadratic = root.appendingPathComponent("set/Problems/pairs/bad/quadratic.py")
    try String(contentsOf: quadratic, encoding: .utf8).replacingOccurrences(
      of: "def count_pairs(", with: "def count_pairs_slowly("
    ).write(to: quadratic, atomically: true, encoding: .utf8)
    let checked = try BriskBinary.run(["problem", "check", "--all", "--problems", set])
    #expect(
      checked.stdout.contains(
        "dpe/binary_search.py (level 0, case 0): a reference level must pass every test, but it "
          + "ended with runtime_error:\n"), "\(checked.stdout)")
    #expect(!checked.stdout.contains("failed on the performance test"), "\(checked.stdout)")
    #expect(!checked.stdout.contains("\n    \n"), "no empty line after a traceback")
    #expect(
      checked.stdout.contains(
        "bad/quadratic.py: defines no function count_pairs, so it fails without the tests"),
      "\(checked.stdout)")
    #expect(checked.status != 0)
    #expect(
      checked.stdout.contains("FAIL  broken  \(manifest.path): unknown key alpah"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "dpe/sort_and_scan.py (level 0, case 0): disagrees with the expert, fix it or the expert:\n"
      ),
      "\(checked.stdout)")
    #expect(checked.stdout.contains(", got "), "\(checked.stdout)")
    #expect(checked.stdout.contains("\n    arguments: ["), "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "bad/counts_ordered_pairs.py: defines no function count_pairs, so it fails without the"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "pairs: Generators/pairs.py (level 2): all 4 tests of this level have the same input"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "pairs: Problems/pairs/bad/same.py: is the expert's own code"), "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "pairs: Problems/pairs/bad/correct.py: declared rejected, but it passes every test"),
      "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "pairs: Problems/pairs/prompt.py: line \(exampleLine ?? 0): the example "
          + "`count_pairs([], 5)` shows 1, but the expert gives 0: fix the example or the expert"),
      "\(checked.stdout)")
    #expect(!checked.stdout.contains("constant/prompt.py"), "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "constant: Generators/constant.py: the expert gives the same answer (0) on all 20 tests, "
          + "so a solution that only returns it passes"), "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "forgetful: Problems/forgetful/checker.py (level 0, case 0): given a wrong answer (the "
          + "answer of level 0, case 2), the checker neither accepts nor rejects it"),
      "\(checked.stdout)")
    #expect(checked.stdout.contains("the checker returned None"), "\(checked.stdout)")
    let flakyLines = checked.stdout.components(separatedBy: "\n").filter {
      $0.hasPrefix("  flaky: ")
    }
    #expect(flakyLines.count == 1, "\(checked.stdout)")
    #expect(
      flakyLines.first?.contains("reference.py") == true
        && flakyLines.first?.contains("the expert answered this test differently when run again")
          == true,
      "\(checked.stdout)")
  }

  /// `brisk explain <run> <problem>` lists the samples when there are several, and tells the
  /// story of the only one when there is one; a wrong answer is told with its values.
  @Test func explainListsSamplesOrTellsTheOnlyOnesStory() throws {
    let root = try workspace(samples: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let single = root.appendingPathComponent("single/pairs")
    try FileManager.default.createDirectory(at: single, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("submission/pairs/1.py"),
      to: single.appendingPathComponent("0.py"))
    let wrong = root.appendingPathComponent("wrong/pairs")
    try FileManager.default.createDirectory(at: wrong, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Fixtures.directory.appendingPathComponent("HostileSamples/pairs/3.py"),
      to: wrong.appendingPathComponent("0.py"))
    for name in ["submission", "single", "wrong"] {
      let process = try score(root, submission: name)
      process.waitUntilExit()
      let log = try String(
        contentsOf: root.appendingPathComponent("\(name).stderr"), encoding: .utf8)
      #expect(process.terminationStatus == 0, "\(name): \(log)")
    }
    let database = root.appendingPathComponent("brisk.sqlite").path
    let listed = try BriskBinary.run(["explain", "1", "pairs", "--db", database], directory: root)
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(
      listed.stdout.contains("Details: brisk explain --db \(database) 1 pairs <sample>"),
      "\(listed.stdout)")
    #expect(!listed.stdout.contains("Sample 0 of"))
    let told = try BriskBinary.run(
      ["explain", "2", "pairs", "--db", database, "--code"], directory: root)
    #expect(told.status == 0, "\(told.stderr)")
    #expect(told.stdout.hasPrefix("Sample 0 of pairs (run 2)"), "\(told.stdout)")
    #expect(told.stdout.contains("# sample 1"), "the code is shown: \(told.stdout)")
    #expect(!told.stdout.contains("Details:"))
    // A wrong answer is told with the values and the arguments. The sample's answer is the
    // frame it forged ahead of its result, 0: right on some small tests, wrong on another.
    let rejected = try BriskBinary.run(
      ["explain", "3", "pairs", "--db", database], directory: root)
    #expect(rejected.stdout.contains("verdict     wrong_answer (failed)"), "\(rejected.stdout)")
    #expect(
      rejected.stdout.contains(": wrong_answer\nwrong answer: expected "), "\(rejected.stdout)")
    #expect(rejected.stdout.contains(", got 0\narguments: ["), "\(rejected.stdout)")

    // Commands that read results never create, convert or overwrite a store.
    let before = try Data(contentsOf: URL(fileURLWithPath: database))
    let overwrite = try BriskBinary.run(
      ["leaderboard", "--db", database, "--output", "./brisk.sqlite"], directory: root)
    #expect(overwrite.status != 0 && overwrite.stderr.contains("would destroy its results"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    let elsewhere = root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let missing = try BriskBinary.run(["explain", "1", "pairs"], directory: elsewhere)
    #expect(missing.status != 0 && missing.stderr.contains("brisk.sqlite: no such store"))
    #expect(
      !FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("brisk.sqlite").path)
    )
    let absent = try BriskBinary.run(["explain", "9", "pairs", "--db", database], directory: root)
    #expect(absent.stderr.contains("\(database): no run 9 in this store"), "\(absent.stderr)")
    let foreign = elsewhere.appendingPathComponent("other.sqlite")
    _ = try query(foreign, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1);")
    let foreignBefore = try Data(contentsOf: foreign)
    for command in [
      ["leaderboard", "--db", foreign.path], ["explain", "1", "pairs", "--db", foreign.path],
    ] {
      let refused = try BriskBinary.run(command, directory: elsewhere)
      #expect(
        refused.status != 0 && refused.stderr.contains("not a Brisk store"), "\(refused.stderr)")
    }
    #expect(try Data(contentsOf: foreign) == foreignBefore)

    // A store named twice is read once.
    let twice = try BriskBinary.run(
      ["leaderboard", "--db", database, "--db", "./brisk.sqlite", "--format", "csv"],
      directory: root)
    #expect(twice.status == 0 && twice.stdout.split(separator: "\n").count == 4, "\(twice.stdout)")

    // File errors are told in words, with the file: not "NSCocoaErrorDomain error 512".
    let directory = try BriskBinary.run(
      ["leaderboard", "--db", database, "--output", elsewhere.path], directory: root)
    #expect(directory.stderr.contains("\(elsewhere.path): cannot write (Is a directory)"))
    let tasks = Fixtures.directory.appendingPathComponent("EvalPerf/tasks.jsonl").path
    let unwritable = try BriskBinary.run(["import", "evalperf", tasks, "--out", "/dev/null/set"])
    #expect(
      unwritable.status != 0 && unwritable.stderr.contains("/dev/null"), "\(unwritable.stderr)")
    #expect(!unwritable.stderr.contains("NSCocoaErrorDomain"), "\(unwritable.stderr)")
  }

  /// `--meter instructions` twice on the same tests, measuring afresh: every call of the
  /// samples and of the expert counts the same number of instructions. And the efficiencies
  /// do not depend on the CPU times stored when the tests were made (every store has its own),
  /// a sample cannot reach the runner's processes through the /proc the meter mounts, nor
  /// start a thread, load ctypes or write its own memory there, and
  /// `brisk explain` shows counts as counts.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind.bin")))
  func instructionMeterRerunsCountEveryCallIdentically() throws {
    let root = try workspace(samples: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let database = root.appendingPathComponent("brisk.sqlite")
    func scoreWithTheMeter(_ options: [String]) throws {
      let process = try score(root, options: ["--meter", "instructions"] + options)
      process.waitUntilExit()
      let log = try String(
        contentsOf: root.appendingPathComponent("submission.stderr"), encoding: .utf8)
      #expect(process.terminationStatus == 0, "\(log)")
    }
    try scoreWithTheMeter([])
    try scoreWithTheMeter(["--fresh"])
    let runs = try query(database, "SELECT id FROM run ORDER BY id").split(separator: "\n")
    try #require(runs.count == 2)
    let counts = try runs.map { run in
      try query(
        database,
        """
        SELECT s.sample_index, m.level, m.case_index, m.role, m.repetition, m.instructions
        FROM measurement m JOIN evaluation e ON e.id = m.evaluation_id
        JOIN run r ON r.configuration_key = e.configuration_key AND r.machine_id = e.machine_id
        JOIN sample s ON s.run_id = r.id AND s.code_sha256 = e.code_sha256
        WHERE r.id = \(run) ORDER BY 1, 2, 3, 4, 5
        """)
    }
    let rows = counts[0].split(separator: "\n")
    #expect(rows.count > 20)
    #expect(!rows.contains { $0.hasSuffix("|") }, "a call without a count")
    #expect(counts[0] == counts[1])

    // Baselines as another store's could be (uneven by up to 80%): the same efficiencies.
    _ = try query(
      database,
      "UPDATE test_case SET baseline_cpu_seconds = baseline_cpu_seconds * (1 + 0.4 * (case_index % 3))"
    )
    try scoreWithTheMeter(["--fresh"])
    let efficiencies = try [String(runs[1]), "(SELECT max(id) FROM run)"].map { run in
      try query(
        database,
        "SELECT sample_index, verdict, eff FROM brisk_sample_results WHERE run_id = \(run) ORDER BY 1"
      )
    }
    #expect(efficiencies[0].split(separator: "\n").count == 2)
    #expect(efficiencies[0] == efficiencies[1])

    // /proc is mounted for valgrind: a sample must not reach the runner's processes there.
    let probe = root.appendingPathComponent("probe/pairs")
    try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    try """
    import os
    def count_pairs(values, target):
        seen = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
        opened = []
        for p in seen:
            try:
                open(f"/proc/{p}/mem", "rb").close()
                opened.append(p)
            except OSError:
                pass
        # Ways round the count (the runner's tests try them outside the sandbox): none here.
        ways = []
        try:
            import threading
            worker = threading.Thread(target=len, args=((),))
            worker.start()
            worker.join()
            ways.append("thread")
        except RuntimeError:
            pass
        try:
            import ctypes
            ways.append("ctypes")
        except ImportError:
            pass
        try:
            os.close(os.open("/proc/self/mem", os.O_RDWR))
            ways.append("own memory")
        except OSError:
            pass
        raise RuntimeError(f"probe seen={len(seen)} opened={opened} ways={ways}")
    """.write(to: probe.appendingPathComponent("0.py"), atomically: true, encoding: .utf8)
    let probing = try score(root, submission: "probe", options: ["--meter", "instructions"])
    probing.waitUntilExit()
    let probeRun = try query(database, "SELECT max(id) FROM run")
    let probed = try BriskBinary.run(
      ["explain", probeRun, "pairs", "0", "--db", database.path], directory: root)
    #expect(probed.stdout.contains("probe seen="), "\(probed.stdout)")
    #expect(probed.stdout.contains("opened=[] ways=[]"), "\(probed.stdout)")

    // `brisk explain` shows counts as counts, not as seconds.
    let explained = try BriskBinary.run(
      ["explain", String(runs[1]), "pairs", "0", "--db", database.path], directory: root)
    #expect(explained.status == 0, "\(explained.stderr)")
    #expect(explained.stdout.contains(" M instr"))
    #expect(explained.stdout.contains("Costs are instructions"))
    #expect(!explained.stdout.contains(" ms ") && !explained.stdout.contains(" s  "))
  }
}
