import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

@Suite(.tags(.small))
struct CSVReaderTests {
  @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
    let records = try CSVReader.records("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\n\"\",2,3")
    #expect(records == [["a", "b", "c"], ["1", "x, \"y\"\nz", ""], ["", "2", "3"]])
  }

  @Test(arguments: ["a,\"b", "a,b\"c", "a,\"b\"c"])
  func malformedInputIsRefused(text: String) {
    #expect(throws: BriskError.self) { try CSVReader.records(text) }
  }
}

/// Importers turn the shared third-party datasets (../shared/data) into problems that load.
@Suite(.tags(.medium))
struct ImporterTests {
  static let enamel = Fixtures.sharedData.appendingPathComponent("enamel/enamel.csv")
  static let humanEval = Fixtures.sharedData.appendingPathComponent("humaneval/HumanEval.jsonl.gz")
  static var haveData: Bool { FileManager.default.fileExists(atPath: enamel.path) }

  @Test(.enabled(if: haveData)) func enamelsSubsetAndAll() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-enamel")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ids = try EnamelImporter().importDataset(Self.enamel.path, into: directory.path)
    #expect(ids.count == 142)
    #expect(!ids.contains("HumanEval_2") && ids.contains("HumanEval_0"))
    let loader = ProblemLoader(path: directory.path)
    let problems = try loader.loadAll()
    #expect(problems.count == 142)
    let first = try #require(problems.first { $0.id == "HumanEval_0" })
    #expect(first.levels.map(\.tests) == [8, 4, 4, 4])
    #expect(first.levels.map(\.weight) == [0, 3, 3, 4])
    #expect(first.levels.map(\.size) == [20, 100, 10000, 15000])
    #expect(first.alpha == 2 && first.memoryBytes == 4 << 30)
    #expect(problems.allSatisfy { $0.importedFrom == "ENAMEL" })
    #expect(first.reference.source.contains("\"\"\"\n    numbers.sort()"))
    guard case .custom = first.checker else {
      Issue.record("ENAMEL's problems use ENAMEL's checker")
      return
    }
    // Importing again refuses to overwrite; --replace does, and --all adds the other 22.
    #expect(throws: BriskError.self) {
      try EnamelImporter().importDataset(Self.enamel.path, into: directory.path)
    }
    let all = try EnamelImporter(includeAll: true, replace: true).importDataset(
      Self.enamel.path, into: directory.path)
    #expect(all.count == 164)
  }

  @Test func refusesToWriteIntoASwiftPackage() throws {
    let error = #expect(throws: BriskError.self) {
      try EnamelImporter().importDataset(Self.enamel.path, into: Fixtures.repository.path)
    }
    #expect(error?.message.contains("Swift package") == true)
  }

  @Test(.enabled(if: haveData)) func humanEvalBecomesCorrectnessOnlyProblems() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-humaneval")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ids = try HumanEvalImporter().importDataset(Self.humanEval.path, into: directory.path)
    #expect(ids.count == 164)
    let problem = try ProblemLoader(path: directory.path).load("HumanEval_7")
    #expect(problem.importedFrom == "HumanEval")
    #expect(problem.assertions?.contains("def check(candidate)") == true)
    #expect(!problem.measuresEfficiency)
    #expect(problem.timeout == 3)
    #expect(problem.levels.count == 1)

    // Replacing ENAMEL's imports with HumanEval's removes the generators they no longer have.
    let mixed = try Fixtures.temporaryDirectory("brisk-humaneval-over-enamel")
    defer { try? FileManager.default.removeItem(at: mixed) }
    _ = try EnamelImporter().importDataset(Self.enamel.path, into: mixed.path)
    let generator = mixed.appendingPathComponent("Generators/HumanEval_0.py")
    #expect(FileManager.default.fileExists(atPath: generator.path))
    _ = try HumanEvalImporter(replace: true).importDataset(Self.humanEval.path, into: mixed.path)
    #expect(!FileManager.default.fileExists(atPath: generator.path))
    #expect(try ProblemLoader(path: mixed.path).load("HumanEval_0").importedFrom == "HumanEval")
  }

  @Test func evalPerfTasksBecomeDPELevelsWithScores() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-evalperf")
    defer { try? FileManager.default.removeItem(at: directory) }
    let tasks = Fixtures.directory.appendingPathComponent("EvalPerf/tasks.jsonl")
    #expect(try EvalPerfImporter().importTasks(tasks.path, into: directory.path) == ["BriskDemo_1"])
    let problem = try ProblemLoader(path: directory.path).load("BriskDemo_1")
    #expect(problem.importedFrom == "EvalPerf")
    #expect(
      problem.performanceLevels.map(\.solution.path) == [
        "dpe/level_0.py", "dpe/level_1.py", "reference.py",
      ])
    #expect(problem.performanceLevels.map(\.score) == [20, 60, 100])
    #expect(problem.levels.map(\.tests) == [4, 1])
    #expect(problem.reference.source.contains("len(set(values))"))
  }

  /// A bad line after good ones writes nothing: a half-written import needed --replace.
  @Test func anImportWithABadLineWritesNothing() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-import-atomic")
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = try String(
      contentsOf: Fixtures.directory.appendingPathComponent("EvalPerf/tasks.jsonl"), encoding: .utf8
    )
    let file = directory.appendingPathComponent("tasks.jsonl")
    try (good + "nope\n").write(to: file, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out")
    #expect(throws: BriskError.self) {
      try EvalPerfImporter().importTasks(file.path, into: out.path)
    }
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("Problems").path))
    // Without the bad line it imports, and again only with --replace.
    try good.write(to: file, atomically: true, encoding: .utf8)
    #expect(try EvalPerfImporter().importTasks(file.path, into: out.path).count >= 1)
    #expect(throws: BriskError.self) {
      try EvalPerfImporter().importTasks(file.path, into: out.path)
    }
    #expect(try EvalPerfImporter(replace: true).importTasks(file.path, into: out.path).count >= 1)
  }

  @Test(arguments: [
    ("{\"task_id\": \"x\"}", "expected task_id, entry_point, prompt, reference"),
    (
      "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[]\", \"scores\": [1, 2]}",
      "scores has 2 values for 1 references"
    ),
    ("nope", "not a JSON object"),
    (
      "{\"task_id\": \"../../etc/x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[]\"}",
      "task_id \"../../etc/x\" does not make a problem id"
    ),
    (
      "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[[3, 1, 2], 7\"}",
      "pe_input must be a Python list or tuple of the arguments: the [ opened at character 1 is not closed"
    ),
    (
      "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[1]\", \"correctness_inputs\": [\"[1]\", \"5\"]}",
      "correctness_inputs[1] must be a Python list or tuple of the arguments: it is not a list"
    ),
    (
      "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[1]\", \"correctness_inputs\": [[1]]}",
      "correctness_inputs must be a list of strings"
    ),
    // The second of two lines with one task id replaced the first without a word.
    (
      "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[1]\"}\n"
        + "{\"task_id\": \"x\", \"entry_point\": \"f\", \"prompt\": \"\", \"reference\": [\"a\"], \"pe_input\": \"[1]\"}",
      "tasks.jsonl:2: x again (first at "
    ),
  ])
  func badEvalPerfTasksAreNamed(line: String, message: String) throws {
    let directory = try Fixtures.temporaryDirectory("brisk-evalperf-bad")
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("tasks.jsonl")
    try line.write(to: file, atomically: true, encoding: .utf8)
    let error = #expect(throws: BriskError.self) {
      try EvalPerfImporter().importTasks(
        file.path, into: directory.appendingPathComponent("out").path)
    }
    #expect(error?.message.contains("tasks.jsonl:1") == true)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  /// ENAMEL rows that made unusable problems, or none, are named (each imported, exit 0).
  @Test(arguments: [
    ("HumanEval/0,p,g,1 2 3 4,r,c,f\nHumanEval/0,p,g,1 2 3 4,r,c,f\n", "row 3: HumanEval_0 again"),
    ("HumanEval/0,p,g,1 2 3 4\n", "row 2: 4 fields, but the header names 7 columns"),
    ("Weird Id/0,p,g,1 2 3 4,r,c,f\n", "row 2: task_id \"Weird Id/0\" does not make a problem id"),
    ("HumanEval/0,p,g,1 2 3 4,r,c,\n", "row 2 (HumanEval/0): entry_point \"\" is not a function"),
    ("", "no problems to import"),
  ])
  func badEnamelRowsAreNamed(rows: String, message: String) throws {
    let directory = try Fixtures.temporaryDirectory("brisk-enamel-bad")
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("enamel.csv")
    try
      ("task_id,prompt,input_generator,input_levels,reference_solution,checker,entry_point\n"
      + rows).write(to: file, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out")
    let error = #expect(throws: BriskError.self) {
      try EnamelImporter().importDataset(file.path, into: out.path)
    }
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("Problems").path))
  }

  @Test(
    arguments: [
      ("[[3, 1, 2], 7]", nil),
      ("([1, 2], 'a]b', \"c)\\\"d\")", nil),
      ("[1], [2]", nil),
      ("  ['''x\n]''', {1: (2,)}]  ", nil),
      ("[[3, 1, 2], 7", "the [ opened at character 1 is not closed"),
      ("[1, 2)", ") at character 6 closes the [ opened at character 1"),
      ("[1]]", "] at character 4 closes nothing"),
      ("['abc, 1]", "the string opened at character 2 is not closed"),
      ("5", "it is not a list or tuple of arguments"),
      ("  ", "it is empty"),
    ] as [(String, String?)])
  func argumentLiteralsAreCheckedForShape(literal: String, problem: String?) {
    #expect(PythonArgumentLiteral.problem(literal) == problem)
  }
}
