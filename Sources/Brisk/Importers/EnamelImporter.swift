import Foundation

/// Converts ENAMEL's dataset (enamel.csv: task_id, prompt, input_generator, input_levels,
/// reference_solution, checker, entry_point) into Brisk problems, with ENAMEL's defaults: four
/// levels of 8, 4, 4 and 4 tests weighted 0, 3, 3 and 4, alpha 2, its 10 ms tolerance beyond
/// the time limit, 4 GiB, and its 142-problem subset unless `includeAll`.
public struct EnamelImporter: Sendable {
  /// The ids ENAMEL leaves out of its evaluation.
  public static let excluded: Set<Int> = [
    2, 23, 41, 45, 53, 60, 71, 92, 97, 99, 102, 123, 124, 135, 137, 138, 144, 148, 156, 157, 159,
    160,
  ]
  static let columns = [
    "task_id", "prompt", "input_generator", "input_levels", "reference_solution", "checker",
    "entry_point",
  ]

  public var includeAll: Bool
  public var replace: Bool

  public init(includeAll: Bool = false, replace: Bool = false) {
    self.includeAll = includeAll
    self.replace = replace
  }

  /// Writes the problems into `directory` (as `Problems/` and `Generators/`) and returns their ids.
  public func importDataset(_ csvPath: String, into directory: String) throws -> [String] {
    // A wrong destination is refused before the dataset is read.
    var writer = try ProblemWriter(directory: directory, replace: replace)
    let text = try InputFile.text(csvPath)
    let records: [[String]]
    do {
      records = try CSVReader.records(text)
    } catch let error as BriskError {
      throw BriskError("\(csvPath): \(error.message)")
    }
    guard let header = records.first else { throw BriskError("\(csvPath): empty") }
    let index = Dictionary(
      header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let missing = Self.columns.filter { index[$0] == nil }
    guard missing.isEmpty else {
      throw BriskError(
        "\(csvPath): not ENAMEL's dataset; missing columns \(missing.joined(separator: ", "))")
    }
    var ids: [String] = []
    for (row, record) in records.dropFirst().enumerated() {
      let place = "\(csvPath): row \(row + 2)"
      // A short row read its missing fields as empty: an entry point "" in the manifest.
      guard record.count == header.count else {
        throw BriskError(
          "\(place): \(record.count) fields, but the header names \(header.count) columns")
      }
      func field(_ name: String) -> String {
        guard let column = index[name], column < record.count else { return "" }
        return record[column]
      }
      let taskID = field("task_id")
      guard let number = Int(taskID.split(separator: "/").last ?? "") else {
        throw BriskError("\(place): task_id \"\(taskID)\" is not HumanEval/<n>")
      }
      if !includeAll && Self.excluded.contains(number) { continue }
      let sizes = field("input_levels").split(separator: " ").compactMap { Int($0) }
      guard sizes.count == 4 else {
        throw BriskError(
          "\(csvPath): row \(row + 2) (\(taskID)): input_levels must hold four sizes")
      }
      let id = SubmissionLoader.problemID(taskID)
      guard ProblemLoader.isValidID(id) else {
        throw BriskError(
          "\(place): task_id \"\(taskID)\" does not make a problem id (\(id)): use letters, "
            + "digits, '_', '-' and '/', starting with a letter or digit")
      }
      guard ProblemLoader.isFunctionName(field("entry_point")) else {
        throw BriskError(
          "\(place) (\(taskID)): entry_point \"\(field("entry_point"))\" is not a function name")
      }
      let prompt = field("prompt")
      try writer.add(
        id: id,
        files: [
          "problem.toml": Self.manifest(
            taskID: taskID, entryPoint: field("entry_point"), sizes: sizes),
          "prompt.py": prompt,
          // ENAMEL joins the prompt and the body with a newline (its prompts end without one).
          "reference.py": prompt + "\n" + field("reference_solution"),
          "checker.py": Self.checker(prompt: prompt, checker: field("checker"), taskID: taskID),
        ],
        generator: Self.generator(
          prompt: prompt, generator: field("input_generator"), taskID: taskID),
        place: place)
      ids.append(id)
    }
    guard !ids.isEmpty else { throw BriskError("\(csvPath): no problems to import") }
    try writer.commit()
    return ids
  }

  static func manifest(taskID: String, entryPoint: String, sizes: [Int]) -> String {
    let levels = zip(sizes, [(8, 0), (4, 3), (4, 3), (4, 4)]).map { size, spec in
      "[[levels]]\nsize = \(size)\ntests = \(spec.0)\nweight = \(spec.1)\n"
    }.joined(separator: "\n")
    return """
      # Imported by `brisk import enamel` from ENAMEL (github.com/q-rz/enamel, dataset/enamel.csv,
      # Apache-2.0), with ENAMEL's evaluation defaults.
      title = \(ProblemWriter.toml("\(taskID) (\(entryPoint))"))
      entry_point = \(ProblemWriter.toml(entryPoint))
      tags = ["enamel", "humaneval"]
      imported_from = "ENAMEL"
      alpha = 2.0
      limit_slack_s = 0.01
      overflow_is_limit = true
      memory_mib = 4096
      timeout_s = 10

      [checker]
      kind = "custom"
      file = "checker.py"

      \(levels)
      """
  }

  /// ENAMEL runs its checker after the prompt, with `pass` closing the prompt's function.
  static func checker(prompt: String, checker: String, taskID: String) -> String {
    """
    # ENAMEL's checker for \(taskID), run after the prompt as ENAMEL runs it.
    \(prompt)
        pass

    \(checker)


    def check(args, expected, output):
        return __check(args, expected, output)

    """
  }

  /// ENAMEL runs a generator after the prompt with its data helpers in scope; the helpers here
  /// are Brisk's equivalents. The global random module is what ENAMEL's generators draw from:
  /// Brisk's driver seeds it for every test.
  static func generator(prompt: String, generator: String, taskID: String) -> String {
    """
    # Imported by `brisk import enamel`: ENAMEL's input generator for \(taskID)
    # (github.com/q-rz/enamel, Apache-2.0), after the prompt as ENAMEL runs it.
    import random
    import string
    import time

    \(EnamelHelpers.source)

    \(prompt)

    \(generator)


    def generate(size, level, case, rng):
        return tuple(generate_input(size, level, case))

    """
  }
}
