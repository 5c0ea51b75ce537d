import Foundation

/// Converts EvalPerf-style tasks into Brisk problems whose DPE levels are the task's reference
/// solutions. The format (JSON Lines, one task per line):
///
///     {"task_id": "Demo/1", "entry_point": "f", "prompt": "def f(xs):\n    ...",
///      "reference": ["slowest solution", ..., "fastest solution"],
///      "scores": [12.5, ..., 100.0],
///      "pe_input": "[[3, 1, 2], 7]",
///      "correctness_inputs": ["[[1], 1]", "[[], 0]"]}
///
/// `reference` is ordered slow to fast (the last becomes the expert), `scores` holds each
/// level's EvalPerf score (DPS), `pe_input` is the performance-exercising input as a Python
/// literal of the positional arguments, and the optional `correctness_inputs` are more
/// argument lists for the correctness level (the performance input is used when absent).
public struct EvalPerfImporter: Sendable {
  public var replace: Bool

  public init(replace: Bool = false) {
    self.replace = replace
  }

  public func importTasks(_ path: String, into directory: String) throws -> [String] {
    var writer = try ProblemWriter(directory: directory, replace: replace)
    let data = try InputFile.read(path)
    var ids: [String] = []
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated()
    where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
      let place = "\(path):\(number + 1)"
      guard let task = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
        throw BriskError("\(place): not a JSON object")
      }
      guard let taskID = task["task_id"] as? String,
        let entryPoint = task["entry_point"] as? String,
        let prompt = task["prompt"] as? String, let references = task["reference"] as? [String],
        let performanceInput = task["pe_input"] as? String
      else {
        throw BriskError(
          "\(place): expected task_id, entry_point, prompt, reference (a list) and pe_input")
      }
      guard references.count >= 1 else { throw BriskError("\(place): reference is empty") }
      let scores = task["scores"] as? [Double]
      if let scores, scores.count != references.count {
        throw BriskError(
          "\(place): scores has \(scores.count) values for \(references.count) references")
      }
      if let given = task["correctness_inputs"], !(given is [String]) {
        throw BriskError("\(place): correctness_inputs must be a list of strings (Python literals)")
      }
      let correctness = (task["correctness_inputs"] as? [String]) ?? [performanceInput]
      for (name, literal) in [("pe_input", performanceInput)]
        + correctness.enumerated().map({ ("correctness_inputs[\($0.offset)]", $0.element) })
      {
        if let problem = PythonArgumentLiteral.problem(literal) {
          throw BriskError(
            "\(place): \(name) must be a Python list or tuple of the arguments: \(problem)")
        }
      }
      let id = SubmissionLoader.problemID(taskID)
      guard ProblemLoader.isValidID(id) else {
        throw BriskError(
          "\(place): task_id \"\(taskID)\" does not make a problem id (\(id)): use letters, digits, "
            + "'_', '-' and '/', starting with a letter or digit")
      }
      var files: [String: String] = ["prompt.py": prompt]
      var levels: [String] = []
      for (index, code) in references.enumerated() {
        let file = index == references.count - 1 ? "reference.py" : "dpe/level_\(index).py"
        files[file] = code
        levels.append(
          "[[dpe]]\nfile = \"\(file)\"\n" + (scores.map { "score = \($0[index])\n" } ?? ""))
      }
      files["problem.toml"] = """
        # Imported by `brisk import evalperf` (task \(taskID.filter { $0 != "\n" })): its reference
        # solutions become DPE levels, slow to fast.
        title = \(ProblemWriter.toml("\(taskID) (\(entryPoint))"))
        entry_point = \(ProblemWriter.toml(entryPoint))
        tags = ["evalperf"]
        imported_from = "EvalPerf"

        [[levels]]
        size = 0
        tests = \(correctness.count)
        weight = 0

        [[levels]]
        size = 1
        tests = 1
        weight = 1

        \(levels.joined(separator: "\n"))
        """
      let literals = correctness.map { "    \(Self.pythonString($0))," }.joined(separator: "\n")
      let generator = """
        # Imported by `brisk import evalperf`: the task's inputs, as Python literals.
        import ast

        CORRECTNESS = [
        \(literals)
        ]
        PERFORMANCE = \(Self.pythonString(performanceInput))


        def generate(size, level, case, rng):
            return tuple(ast.literal_eval(PERFORMANCE if level else CORRECTNESS[case]))

        """
      try writer.add(id: id, files: files, generator: generator, place: place)
      ids.append(id)
    }
    guard !ids.isEmpty else { throw BriskError("\(path): no tasks") }
    try writer.commit()
    return ids
  }

  /// A Python string literal of `text` (JSON's escapes are valid Python).
  static func pythonString(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }
}
