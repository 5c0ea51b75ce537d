import Foundation

/// Converts HumanEval (HumanEval.jsonl or .jsonl.gz: task_id, prompt, canonical_solution, test,
/// entry_point) into correctness-only Brisk problems run with HumanEval's own tests: the
/// `check(candidate)` assertions run after the solution in its namespace, with HumanEval's
/// 3-second budget, so pass@k matches the official evaluator.
public struct HumanEvalImporter: Sendable {
  public var replace: Bool

  public init(replace: Bool = false) {
    self.replace = replace
  }

  public func importDataset(_ path: String, into directory: String) throws -> [String] {
    var writer = try ProblemWriter(directory: directory, replace: replace)
    let data = try InputFile.read(path)
    var ids: [String] = []
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated()
    where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
      guard let task = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let taskID = task["task_id"] as? String, let prompt = task["prompt"] as? String,
        let solution = task["canonical_solution"] as? String, let test = task["test"] as? String,
        let entryPoint = task["entry_point"] as? String
      else {
        throw BriskError(
          "\(path):\(number + 1): expected task_id, prompt, canonical_solution, test and entry_point"
        )
      }
      let id = SubmissionLoader.problemID(taskID)
      guard ProblemLoader.isValidID(id) else {
        throw BriskError(
          "\(path):\(number + 1): task_id \"\(taskID)\" does not make a problem id (\(id)): use "
            + "letters, digits, '_', '-' and '/', starting with a letter or digit")
      }
      try writer.add(
        id: id,
        files: [
          "problem.toml": Self.manifest(taskID: taskID, entryPoint: entryPoint),
          "prompt.py": prompt, "reference.py": prompt + solution, "tests.py": test,
        ],
        generator: nil, place: "\(path):\(number + 1)")
      ids.append(id)
    }
    guard !ids.isEmpty else { throw BriskError("\(path): no tasks") }
    try writer.commit()
    return ids
  }

  static func manifest(taskID: String, entryPoint: String) -> String {
    """
    # Imported by `brisk import humaneval` from HumanEval (github.com/openai/human-eval, MIT):
    # correctness only, judged by HumanEval's own check(candidate).
    title = \(ProblemWriter.toml("\(taskID) (\(entryPoint))"))
    entry_point = \(ProblemWriter.toml(entryPoint))
    tags = ["humaneval", "correctness"]
    imported_from = "HumanEval"
    timeout_s = 3

    [tests]
    kind = "assertions"
    file = "tests.py"

    [[levels]]
    size = 0
    tests = 1
    weight = 0

    """
  }
}
