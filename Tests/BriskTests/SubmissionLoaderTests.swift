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
      "pairs/0.py": "a", "pairs/1.py": "b", "pairs/2.py": "c", "pairs/notes.txt": "ignored",
      "pairs/2b.py": "x", "pairs/nested/3.py": "x", "README.md": "x", "HumanEval_3/0.py": "d",
      "submission.toml": "model = \"gpt-x\"\n[decoding]\ntemperature = 0.8\nsamples = 3\n"
        + "method = \"greedy\"\nstop = [\"\\n\", \"def\"]\nflag = true\n",
      ".git/HEAD": "x", "__pycache__/x.pyc": "x", "notes/todo.txt": "x",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let submission = try loader.load(root.path)
    #expect(submission.layout == .directory)
    #expect(submission.samples["pairs"] == ["a", "b", "c"])
    #expect(submission.samples["HumanEval_3"] == ["d"])
    #expect(submission.model == "gpt-x")
    // Settings read as written, not as TOML renders them ("\"greedy\"").
    #expect(
      submission.decoding == [
        "temperature": "0.8", "samples": "3", "method": "greedy", "stop": "[\"\\n\", \"def\"]",
        "flag": "true",
      ])
    #expect(submission.sampleCount == 4)
    // Folders without samples are left out whole, as files beside the samples are.
    #expect(
      submission.ignored == [
        ".git/", "README.md", "__pycache__/", "notes/", "pairs/2b.py", "pairs/nested",
        "pairs/notes.txt",
      ])
  }

  /// Sample n is file n.py: a gap would renumber the files after it (explain's sample 6
  /// showing 7.py), and a failed sample deleted by hand would raise pass@k.
  @Test func aGapInTheNumberingIsRefused() throws {
    let root = try write(["pairs/0.py": "a", "pairs/1.py": "b", "pairs/3.py": "d"])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: BriskError.self) { try loader.load(root.path) }
    #expect(
      error?.message.contains(
        "pairs: samples are numbered 0.py to 3.py with none missing, but 2.py is absent") == true,
      "\(String(describing: error))")
  }

  /// A file is read as Python reads it: in the encoding it declares, or, when Python could
  /// not decode it, as the SyntaxError Python raises (a failed sample, not a stopped run).
  @Test func sampleFilesAreDecodedAsPythonDecodesThem() throws {
    let root = try write(["pairs/0.py": "a"])
    defer { try? FileManager.default.removeItem(at: root) }
    let latin1 =
      Data("# -*- coding: latin-1 -*-\n# caf".utf8) + Data([0xE9])
      + Data("\ndef f():\n    return 1\n".utf8)
    try latin1.write(to: root.appendingPathComponent("pairs/1.py"))
    let undeclared = Data("# caf".utf8) + Data([0xE9]) + Data("\ndef f():\n    return 1\n".utf8)
    try undeclared.write(to: root.appendingPathComponent("pairs/2.py"))
    let samples = try #require(try loader.load(root.path).samples["pairs"])
    #expect(samples[1] == "# -*- coding: latin-1 -*-\n# café\ndef f():\n    return 1\n")
    #expect(samples[2].contains("# Brisk: 2.py is not UTF-8 and declares no encoding"))
    #expect(
      samples[2].contains(
        #"raise SyntaxError("Non-UTF-8 code starting with '\\xe9' in file 2.py on line 1, but no encoding declared")"#
      ), "\(samples[2])")
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

    // A prompt without a final newline (ENAMEL's) still gets the body on a line of its own.
    let unterminated = SubmissionLoader(prompt: { _ in "def f(x):\n    \"\"\"Doc.\"\"\"" })
    let glued = try unterminated.load(root.appendingPathComponent("model.jsonl").path)
    #expect(
      glued.samples["HumanEval_0"]?.first == "def f(x):\n    \"\"\"Doc.\"\"\"\n    return x\n")
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

  func gzip(_ file: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = [file.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  static let evalPerfResults = """
    {"date": "2024-10-19 16:29",
     "config": {"n_samples": 100, "temperature": 1.0, "min_correct": 10, "max_profile": 20},
     "summary": {"dps": 80.0, "dps_norm": 75.0, "pass@1": 90.0},
     "eval": {
       "HumanEval/0": {"dps": 90, "dps_norm": 80, "pass@1": 100, "profiled": [
         {"solution": "def f(x):\\n    return x\\n", "matching_cluster_idx": 3},
         {"solution": "def f(x):\\n    return 1 * x\\n", "matching_cluster_idx": 1}]},
       "Mbpp/2": {"dps": 50, "dps_norm": 50, "pass@1": 60, "profiled": [
         {"solution": "def g():\\n    pass\\n", "matching_cluster_idx": 0}]},
       "Mbpp/3": {"dps": null, "dps_norm": null, "pass@1": 0, "profiled": []}
     }}
    """

  @Test func evalPerfResultsGzippedOrNotWithTheirModelAndTemperature() throws {
    let name = "Qwen--Qwen2.5-7B-Instruct_vllm_temp_1.0_evalperf_results.brief.json"
    let root = try write([name: Self.evalPerfResults, "plain/" + name: Self.evalPerfResults])
    defer { try? FileManager.default.removeItem(at: root) }
    try gzip(root.appendingPathComponent(name))
    for path in ["plain/" + name, name + ".gz"] {
      let submission = try loader.load(root.appendingPathComponent(path).path)
      #expect(submission.layout == .evalPerfResults, "\(path)")
      #expect(
        submission.samples == [
          "HumanEval_0": ["def f(x):\n    return x\n", "def f(x):\n    return 1 * x\n"],
          "Mbpp_2": ["def g():\n    pass\n"],
        ], "\(path): a task with no profiled solution has no samples")
      #expect(submission.model == "Qwen/Qwen2.5-7B-Instruct")
      #expect(submission.decoding == ["temperature": "1.0", "n_samples": "100"])
      let check = SubmissionCheck(submission: submission, problemIDs: ["HumanEval_0", "Mbpp_2"])
      #expect(
        check.warnings(requestedK: [1]).first?.hasPrefix("EvalPerf's results keep only") == true)
    }
    // A manifest beside it (`<name>.toml`, with or without .gz) overrides the file's model.
    try "model = \"qwen-7b\"\n".write(
      to: root.appendingPathComponent(
        "Qwen--Qwen2.5-7B-Instruct_vllm_temp_1.0_evalperf_results.brief.toml"),
      atomically: true, encoding: .utf8)
    #expect(try loader.load(root.appendingPathComponent(name + ".gz").path).model == "qwen-7b")
    // A file named otherwise keeps the default model, the file's stem.
    #expect(SubmissionLoader.evalPerfModel(URL(fileURLWithPath: "/x/results.json")) == nil)
    let variant = "o1-mini-2024-09-12_openai_temp_1.0-perf-instruct_evalperf_results.brief.json"
    #expect(
      SubmissionLoader.evalPerfModel(URL(fileURLWithPath: variant))
        == "o1-mini-2024-09-12 (perf-instruct)")
    #expect(Scorer.defaultModel("/x/model.jsonl.gz") == "model")
  }

  @Test func gzippedJSONLinesReadsWithItsManifest() throws {
    let root = try write([
      "model.jsonl": "{\"task_id\": \"pairs\", \"solution\": \"s\"}\n",
      "model.toml": "model = \"zipped\"\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    try gzip(root.appendingPathComponent("model.jsonl"))
    let submission = try loader.load(root.appendingPathComponent("model.jsonl.gz").path)
    #expect(submission.layout == .jsonLines)
    #expect(submission.samples == ["pairs": ["s"]])
    #expect(submission.model == "zipped")
  }

  @Test func aFileThatIsNotGzipButSaysSoIsNamed() throws {
    let root = try write(["fake.jsonl.gz": "{\"task_id\": \"pairs\"}\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: BriskError.self) {
      try loader.load(root.appendingPathComponent("fake.jsonl.gz").path)
    }
    #expect(error?.message.hasSuffix("fake.jsonl.gz: not a valid gzip file") == true)
  }

  /// EvalPerf's published results for gpt-4o, as the EvalPlus leaderboard ships them.
  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: realEvalPerfResults.path)))
  func aRealEvalPerfResultsFileLoads() throws {
    let submission = try loader.load(Self.realEvalPerfResults.path)
    #expect(submission.layout == .evalPerfResults)
    #expect(submission.model == "gpt-4o-2024-08-06")
    #expect(submission.decoding["temperature"] == "1.0")
    let humanEval = submission.samples.keys.filter { $0.hasPrefix("HumanEval_") }
    #expect(humanEval.count == 29)
    #expect(
      submission.samples.keys.allSatisfy { $0.hasPrefix("HumanEval_") || $0.hasPrefix("Mbpp_") })
    // At most max_profile (20) a task, every one a function definition.
    #expect(submission.samples.values.allSatisfy { (1...20).contains($0.count) })
    #expect(submission.samples.values.joined().allSatisfy { $0.contains("def ") })
  }

  static let realEvalPerfResults = Fixtures.sharedData.appendingPathComponent(
    "llm-samples/evalperf/gpt-4o-2024-08-06_openai_temp_1.0_evalperf_results.brief.json.gz")

  @Test(arguments: [
    (
      "bad.jsonl", "{\"task_id\": \"x\", \"solution\": \"s\"}\nnot json\n",
      "bad.jsonl:2: not valid JSON"
    ),
    ("bad.jsonl", "{\"solution\": \"x\"}\n", "bad.jsonl:1: missing \"task_id\""),
    // Wrong types read as missing fields, and an empty id as a problem not in the set.
    (
      "bad.jsonl", "{\"task_id\": 7, \"solution\": \"x\"}\n",
      "\"task_id\" must be a non-empty string"
    ),
    ("bad.jsonl", "{\"task_id\": \"\", \"solution\": \"x\"}\n", "\"task_id\" must be a non-empty"),
    ("bad.jsonl", "{\"task_id\": \"y\", \"solution\": 42}\n", "are strings of code"),
    ("bad.jsonl", "42\n", "bad.jsonl:1: a JSON value, but not an object"),
    ("0.py", "def f():\n    pass\n", "0.py: one sample file; a submission is a directory"),
    ("bad.jsonl", "{\"task_id\": \"y\", \"completion\": \"x\"}\n", "needs that problem's prompt"),
    ("bad.jsonl", "{\"task_id\": \"y\", \"code\": \"x\"}\n", "give \"solution\""),
    ("bad.json", "{\"first\": [\"x\"]}", "\"first\" is not one"),
    ("bad.json", "[[1, 2]]", "problem 0 must hold a list of code strings"),
    ("bad.json", "[\"x\"", "not valid JSON"),
    ("bad.json", "{\"eval\": []}", "EvalPerf's \"eval\" must map task ids"),
    ("bad.json", "{\"eval\": {\"HumanEval/1\": {}}}", "eval[\"HumanEval/1\"] has no \"profiled\""),
    (
      "bad.json", "{\"eval\": {\"HumanEval/1\": {\"profiled\": [{\"code\": \"x\"}]}}}",
      "eval[\"HumanEval/1\"].profiled[0] has no \"solution\" string"
    ),
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

  /// A FIFO or device as a sample, or as the submission, is named as such: reading one read
  /// "Permission denied" even as root, and /dev/zero would never end.
  @Test func aSampleThatIsNotARegularFileIsNamed() throws {
    let root = try write(["pairs/1.py": "x"])
    defer { try? FileManager.default.removeItem(at: root) }
    let device = root.appendingPathComponent("pairs/0.py")
    try FileManager.default.createSymbolicLink(
      atPath: device.path, withDestinationPath: "/dev/zero")
    let error = #expect(throws: BriskError.self) { try loader.load(root.path) }
    #expect(error?.message == "\(device.path): a device, not a regular file")
    let fifo = root.appendingPathComponent("fifo.jsonl")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let named = #expect(throws: BriskError.self) { try loader.load(fifo.path) }
    #expect(named?.message == "\(fifo.path): a FIFO, not a regular file")
  }

  /// A byte-order mark before ENAMEL's JSON is read past (it made the file "not a JSON
  /// object"; the same mark before JSONL was accepted).
  @Test func aByteOrderMarkBeforeJSONIsReadPast() throws {
    let root = try write(["bom.json": "\u{FEFF}[[\"def f():\\n    pass\\n\"]]"])
    defer { try? FileManager.default.removeItem(at: root) }
    let submission = try loader.load(root.appendingPathComponent("bom.json").path)
    #expect(submission.samples["HumanEval_0"]?.count == 1)
  }

  /// A manifest in another encoding is named with where its first foreign byte stands (it
  /// read "Error Domain=NSCocoaErrorDomain Code=259", without the file); a byte-order mark
  /// is read past.
  @Test func aManifestThatIsNotUTF8IsNamedWithItsByte() throws {
    let root = try write(["model.jsonl": "{\"task_id\": \"pairs\", \"solution\": \"s\"}\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    let manifest = root.appendingPathComponent("model.toml")
    try Data("model = \"caf".utf8 + [0xE9] + Data("\"\n".utf8)).write(to: manifest)
    let error = #expect(throws: BriskError.self) {
      try loader.load(root.appendingPathComponent("model.jsonl").path)
    }
    #expect(
      error?.message == "\(manifest.path): not UTF-8 text (byte 0xE9 at line 1, column 13); "
        + "save it as UTF-8", "\(String(describing: error))")
    try Data([0xEF, 0xBB, 0xBF] + Data("model = \"café\"\n".utf8)).write(to: manifest)
    #expect(try loader.load(root.appendingPathComponent("model.jsonl").path).model == "café")
  }

  @Test func aMisspeltManifestKeyIsNamed() throws {
    let root = try write([
      "model.jsonl": "{\"task_id\": \"pairs\", \"solution\": \"s\"}\n",
      "model.toml": "modle = \"typo\"\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: BriskError.self) {
      try loader.load(root.appendingPathComponent("model.jsonl").path)
    }
    #expect(
      error?.message.contains("model.toml: unknown key modle") == true,
      "\(String(describing: error))")
    try "model = \"\"\n".write(
      to: root.appendingPathComponent("model.toml"), atomically: true, encoding: .utf8)
    let empty = #expect(throws: BriskError.self) {
      try loader.load(root.appendingPathComponent("model.jsonl").path)
    }
    #expect(empty?.message.contains("model must be a non-empty string") == true)
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
