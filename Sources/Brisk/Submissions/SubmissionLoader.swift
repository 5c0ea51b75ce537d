import Foundation
import TOMLKit

/// Reads a submission in any of the three layouts, detected automatically, and its optional
/// manifest. Errors name the file and what is wrong.
public struct SubmissionLoader: Sendable {
  /// Returns the prompt of a problem, for JSONL `completion` fields (a body to append).
  public var prompt: @Sendable (String) -> String?

  public init(prompt: @escaping @Sendable (String) -> String?) {
    self.prompt = prompt
  }

  /// Problem ids as Brisk spells them: `HumanEval/0` becomes `HumanEval_0`.
  public static func problemID(_ taskID: String) -> String {
    taskID.replacingOccurrences(of: "/", with: "_")
  }

  public func load(_ path: String) throws -> Submission {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw BriskError("\(path): no such file or directory")
    }
    if isDirectory.boolValue {
      var submission = try loadDirectory(url)
      try applyManifest(url.appendingPathComponent("submission.toml"), to: &submission)
      return submission
    }
    // `model.jsonl.gz` reads as `model.jsonl`, and its manifest is `model.toml`.
    let name = InputFile.uncompressedName(url)
    if name.pathExtension == "py" {
      throw BriskError(
        "\(path): one sample file; a submission is a directory of <problem-id>/<n>.py files, a "
          + ".jsonl file or ENAMEL's or EvalPerf's JSON: give the directory holding its folder")
    }
    let data = try InputFile.read(path)
    var submission: Submission
    if name.pathExtension == "jsonl"
      || (data.first != UInt8(ascii: "[") && data.first != UInt8(ascii: "{"))
    {
      submission = try loadJSONLines(data, path: path)
    } else {
      submission = try loadJSON(data, path: path, name: name)
    }
    try applyManifest(name.deletingPathExtension().appendingPathExtension("toml"), to: &submission)
    return submission
  }

  private func loadDirectory(_ url: URL) throws -> Submission {
    let files = FileManager.default
    var samples: [String: [String]] = [:]
    var ignored: [String] = []
    let entries = try files.contentsOfDirectory(atPath: url.path).sorted()
    for entry in entries {
      let folder = url.appendingPathComponent(entry)
      var isDirectory: ObjCBool = false
      guard files.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
      else {
        if entry != "submission.toml" { ignored.append(entry) }
        continue
      }
      var numbered: [(Int, String)] = []
      var others: [String] = []
      for name in try files.contentsOfDirectory(atPath: folder.path).sorted() {
        // Only <n>.py with n written plainly: 07.py beside 7.py would be one sample twice.
        if name.hasSuffix(".py"), let number = Int(name.dropLast(3)), "\(number).py" == name,
          number >= 0
        {
          numbered.append((number, name))
        } else {
          others.append("\(entry)/\(name)")
        }
      }
      numbered.sort { $0.0 < $1.0 }
      // A folder without samples (.git, __pycache__, an empty one) is left out as a whole.
      guard !numbered.isEmpty else {
        ignored.append("\(entry)/")
        continue
      }
      ignored += others
      // Sample n is file n.py: a gap would renumber every later file, and a failed sample
      // removed by hand would raise pass@k.
      let missing = Set(0...(numbered.last?.0 ?? 0)).subtracting(numbered.map(\.0)).sorted()
      guard missing.isEmpty else {
        let listed = missing.prefix(5).map { "\($0).py" }.joined(separator: ", ")
        throw BriskError(
          "\(folder.path): samples are numbered 0.py to \(numbered.last?.0 ?? 0).py with none "
            + "missing, but \(listed)\(missing.count > 5 ? ", ..." : "") \(missing.count == 1 ? "is" : "are") "
            + "absent: sample n is file n.py, and a sample that failed still counts (keep it)")
      }
      samples[entry] = try numbered.map { _, name in
        let file = folder.appendingPathComponent(name).path
        return PythonSource.text(try InputFile.read(file), file: file)
      }
    }
    guard !samples.isEmpty else {
      throw BriskError(
        "\(url.path): no samples found; expected <problem-id>/<n>.py (0.py, 1.py, ...), a .jsonl "
          + "file, or ENAMEL's JSON")
    }
    return Submission(
      path: url.path, layout: .directory, model: nil, decoding: [:], samples: samples,
      ignored: ignored)
  }

  private func loadJSONLines(_ data: Data, path: String) throws -> Submission {
    var samples: [String: [String]] = [:]
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated()
    where !line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
      let place = "\(path):\(number + 1)"
      let value: Any
      do {
        value = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
      } catch {
        throw BriskError("\(place): not valid JSON (a line cut short, or not JSON at all)")
      }
      guard let object = value as? [String: Any] else {
        throw BriskError("\(place): a JSON value, but not an object {\"task_id\": ..., ...}")
      }
      guard let field = object["task_id"] else {
        throw BriskError("\(place): missing \"task_id\"")
      }
      guard let taskID = field as? String, !taskID.isEmpty else {
        throw BriskError(
          "\(place): \"task_id\" must be a non-empty string, such as \"HumanEval/0\"")
      }
      let id = Self.problemID(taskID)
      let code: String
      if let solution = object["solution"] as? String {
        code = solution
      } else if let completion = object["completion"] as? String {
        guard let prompt = prompt(id) else {
          throw BriskError(
            "\(place): \"completion\" for \(taskID) needs that problem's prompt, and the problem "
              + "set has no problem \(id)")
        }
        // ENAMEL's prompts end at the docstring's closing quotes, without the newline
        // HumanEval's have: appended as is, the body's first line would join them.
        code =
          prompt.isEmpty || prompt.hasSuffix("\n")
          ? prompt + completion : prompt + "\n" + completion
      } else if object["solution"] != nil || object["completion"] != nil {
        throw BriskError("\(place): \"solution\" and \"completion\" are strings of code")
      } else {
        throw BriskError("\(place): give \"solution\" (complete code) or \"completion\" (a body)")
      }
      samples[id, default: []].append(code)
    }
    guard !samples.isEmpty else { throw BriskError("\(path): no samples") }
    return Submission(path: path, layout: .jsonLines, model: nil, decoding: [:], samples: samples)
  }

  private func loadJSON(_ data: Data, path: String, name: URL) throws -> Submission {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw BriskError("\(path): not valid JSON (\(error.localizedDescription))")
    }
    if let results = object as? [String: Any], results["eval"] != nil {
      return try loadEvalPerfResults(results, path: path, name: name)
    }
    var byIndex: [(Int, Any)] = []
    if let list = object as? [Any] {
      byIndex = Array(list.enumerated())
    } else if let dictionary = object as? [String: Any] {
      for (key, value) in dictionary {
        guard let index = Int(key) else {
          throw BriskError("\(path): ENAMEL's layout keys problems by index; \"\(key)\" is not one")
        }
        byIndex.append((index, value))
      }
    } else {
      throw BriskError(
        "\(path): expected ENAMEL's layout: a list, or a dict keyed by problem index")
    }
    var samples: [String: [String]] = [:]
    for (index, value) in byIndex.sorted(by: { $0.0 < $1.0 }) {
      guard let codes = value as? [Any], codes.allSatisfy({ $0 is String }) else {
        throw BriskError("\(path): problem \(index) must hold a list of code strings")
      }
      let strings = codes.compactMap { $0 as? String }
      if !strings.isEmpty { samples["HumanEval_\(index)"] = strings }
    }
    guard !samples.isEmpty else { throw BriskError("\(path): no samples") }
    return Submission(path: path, layout: .enamel, model: nil, decoding: [:], samples: samples)
  }

  /// EvalPerf's results file (`<model>_<backend>_temp_<t>_evalperf_results[.brief].json`, as
  /// the EvalPlus leaderboard publishes it): `eval[task_id].profiled[i].solution`, the
  /// solutions of each task that passed EvalPerf's tests. The model and temperature come from
  /// the file; a manifest beside it overrides them.
  private func loadEvalPerfResults(_ results: [String: Any], path: String, name: URL) throws
    -> Submission
  {
    guard let tasks = results["eval"] as? [String: Any] else {
      throw BriskError("\(path): EvalPerf's \"eval\" must map task ids to their results")
    }
    var samples: [String: [String]] = [:]
    for (taskID, value) in tasks {
      guard let profiled = (value as? [String: Any])?["profiled"] as? [Any] else {
        throw BriskError("\(path): eval[\"\(taskID)\"] has no \"profiled\" list of solutions")
      }
      let codes = try profiled.enumerated().map { index, entry -> String in
        guard let code = (entry as? [String: Any])?["solution"] as? String else {
          throw BriskError(
            "\(path): eval[\"\(taskID)\"].profiled[\(index)] has no \"solution\" string")
        }
        return code
      }
      if !codes.isEmpty { samples[Self.problemID(taskID)] = codes }
    }
    guard !samples.isEmpty else { throw BriskError("\(path): no samples") }
    var decoding: [String: String] = [:]
    let config = results["config"] as? [String: Any] ?? [:]
    for key in ["temperature", "n_samples"] {
      if let value = config[key] as? NSNumber { decoding[key] = value.stringValue }
    }
    return Submission(
      path: path, layout: .evalPerfResults, model: Self.evalPerfModel(name), decoding: decoding,
      samples: samples)
  }

  /// The model EvalPerf's file name gives (`Qwen--Qwen2.5-7B-Instruct_vllm_temp_1.0_...` is
  /// `Qwen/Qwen2.5-7B-Instruct`; a prompt variant after the temperature, as in
  /// `o1-mini-2024-09-12_openai_temp_1.0-perf-instruct_...`, is kept: `o1-mini-2024-09-12
  /// (perf-instruct)`), or nil when the name does not follow that pattern.
  static func evalPerfModel(_ name: URL) -> String? {
    let stem = name.lastPathComponent
    guard
      let match = stem.firstMatch(
        of: /^(.+)_[A-Za-z0-9]+_temp_[0-9.]*[0-9](?:-([A-Za-z0-9-]+))?_evalperf_results/)
    else { return nil }
    let model = String(match.1).replacingOccurrences(of: "--", with: "/")
    return match.2.map { "\(model) (\($0))" } ?? model
  }

  private func applyManifest(_ url: URL, to submission: inout Submission) throws {
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: try InputFile.text(url.path))
    } catch let error as TOMLParseError {
      throw BriskError("\(url.path): line \(error.source.begin.line): \(error.description)")
    }
    // A misspelt key would otherwise be ignored, and the run named after the folder.
    for key in table.keys.sorted() where !["model", "decoding"].contains(key) {
      throw BriskError(
        "\(url.path): unknown key \(key); a submission manifest holds model = \"...\" and a "
          + "[decoding] table")
    }
    if let model = table["model"] {
      guard let name = model.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw BriskError("\(url.path): model must be a non-empty string")
      }
      submission.model = name
    }
    if let decoding = table["decoding"] {
      guard let settings = decoding.table else {
        throw BriskError("\(url.path): [decoding] must be a table of settings")
      }
      for (key, value) in settings {
        guard let text = Self.settingText(value) else {
          throw BriskError(
            "\(url.path): [decoding] \(key) is a table; a setting is a string, number, boolean "
              + "or array")
        }
        submission.decoding[key] = text
      }
    }
  }

  /// A decoding setting as plain text: a string is its characters, a number or boolean as
  /// written, an array as JSON. TOMLKit's own rendering quotes strings (`"greedy"` read as
  /// `"\"greedy\""` in every board) and writes arrays as TOML. Nil for a table.
  static func settingText(_ value: TOMLValueConvertible) -> String? {
    if let text = value.string { return text }
    if value.table != nil { return nil }
    guard let array = value.array else { return "\(value)" }
    var items: [String] = []
    for item in array {
      if let text = item.string {
        let quoted = try? JSONEncoder().encode(text)
        items.append(quoted.map { String(decoding: $0, as: UTF8.self) } ?? text)
      } else if let text = settingText(item) {
        items.append(text)
      } else {
        return nil
      }
    }
    return "[" + items.joined(separator: ", ") + "]"
  }
}
