import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

@Suite(.tags(.medium))
struct SubmissionLoaderTests {
  let loader = SubmissionLoader(prompt: { id in id == "HumanEval_0" ? "def f(x):\n" : nil })

  func write(_ files: [String: String]) throws -> URL {
    let root = try Fixtures.temporaryDirectory("brisk-submission")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func directoryLayoutWithManifest() throws {
    let root = try write([
      "pairs/0.py": "a", "pairs/10.py": "c", "pairs/2.py": "b", "pairs/notes.txt": "ignored",
      "HumanEval_3/0.py": "d",
      "submission.toml": "model = \"gpt-x\"\n[decoding]\ntemperature = 0.8\nsamples = 3\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let submission = try loader.load(root.path)
    #expect(submission.layout == .directory)
    #expect(submission.samples["pairs"] == ["a", "b", "c"])
    #expect(submission.samples["HumanEval_3"] == ["d"])
    #expect(submission.model == "gpt-x")
    #expect(submission.decoding["temperature"] == "0.8")
    #expect(submission.sampleCount == 4)
  }

  @Test func jsonLinesWithSolutionsAndCompletions() throws {
    let root = try write([
      "model.jsonl": """
      {"task_id": "HumanEval/0", "completion": "    return x\\n"}
      {"task_id": "HumanEval/0", "solution": "def f(x):\\n    return 1\\n"}

      {"task_id": "pairs", "solution": "s"}
      """,
      "model.toml": "model = \"from-sidecar\"\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let submission = try loader.load(root.appendingPathComponent("model.jsonl").path)
    #expect(submission.layout == .jsonLines)
    #expect(
      submission.samples["HumanEval_0"] == [
        "def f(x):\n    return x\n", "def f(x):\n    return 1\n",
      ])
    #expect(submission.samples["pairs"] == ["s"])
    #expect(submission.model == "from-sidecar")
  }

  @Test func enamelListAndDictionary() throws {
    let root = try write([
      "list.json": #"[["a", "b"], [], ["c"]]"#,
      "dict.json": #"{"2": ["c"], "0": ["a"]}"#,
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let list = try loader.load(root.appendingPathComponent("list.json").path)
    #expect(list.layout == .enamel)
    #expect(list.samples == ["HumanEval_0": ["a", "b"], "HumanEval_2": ["c"]])
    let dictionary = try loader.load(root.appendingPathComponent("dict.json").path)
    #expect(dictionary.samples == ["HumanEval_0": ["a"], "HumanEval_2": ["c"]])
  }

  @Test(arguments: [
    (
      "bad.jsonl", "{\"task_id\": \"x\", \"solution\": \"s\"}\nnot json\n",
      "bad.jsonl:2: not a JSON object"
    ),
    ("bad.jsonl", "{\"solution\": \"x\"}\n", "bad.jsonl:1: missing \"task_id\""),
    ("bad.jsonl", "{\"task_id\": \"y\", \"completion\": \"x\"}\n", "needs that problem's prompt"),
    ("bad.jsonl", "{\"task_id\": \"y\", \"code\": \"x\"}\n", "give \"solution\""),
    ("bad.json", "{\"first\": [\"x\"]}", "\"first\" is not one"),
    ("bad.json", "[[1, 2]]", "problem 0 must hold a list of code strings"),
    ("bad.json", "[\"x\"", "not valid JSON"),
  ])
  func badFilesAreNamed(file: String, content: String, message: String) throws {
    let root = try write([file: content])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: BriskError.self) {
      try loader.load(root.appendingPathComponent(file).path)
    }
    #expect(error?.message.contains(file) == true, "\(String(describing: error))")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test func anEmptyDirectoryIsExplained() throws {
    let root = try write(["notes.txt": "x"])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: BriskError.self) { try loader.load(root.path) }
    #expect(error?.message.contains("no samples found") == true)
  }

  @Test func checkNamesUnknownAndMissingProblemsAndReportableK() {
    let submission = Submission(
      path: "s", layout: .directory, model: nil, decoding: [:],
      samples: ["a": ["1", "2", "3"], "b": ["1"], "zzz": ["1"]])
    let check = SubmissionCheck(submission: submission, problemIDs: ["a", "b", "c"])
    #expect(check.unknownProblems == ["zzz"])
    #expect(check.missingProblems == ["c"])
    #expect(check.reportable([1, 10, 100]) == [1])
    let warnings = check.warnings(requestedK: [1, 3])
    #expect(warnings.contains { $0.contains("left out: c") })
    #expect(warnings.contains { $0.contains("k is reportable up to 1") })
    #expect(warnings.contains { $0.contains("k = 3 exceeds") })
  }

  @Test func theHashDependsOnEverySample() {
    var submission = Submission(
      path: "s", layout: .directory, model: nil, decoding: [:], samples: ["a": ["x", "y"]])
    let first = submission.hash
    submission.samples["a"] = ["y", "x"]
    #expect(submission.hash != first)
  }
}
