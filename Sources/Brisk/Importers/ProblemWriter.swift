import Foundation

/// Writes imported problems into a problem set: `DIR/Problems/<id>/` and
/// `DIR/Generators/<id>.py`. Never over an existing problem unless asked, and never into a
/// Swift package (the repository's own Problems/ hold only problems written for Brisk).
/// Problems are added first and written together by `commit()`, so that a dataset with a bad
/// line writes nothing (a half-written import needed --replace to run again).
struct ProblemWriter {
  let root: URL
  let replace: Bool
  private var pending: [(id: String, files: [String: String], generator: String?)] = []
  /// Where each added problem came from ("file:line"), to name a repeated id's first line.
  private var places: [String: String] = [:]

  init(directory: String, replace: Bool) throws {
    root = URL(fileURLWithPath: directory).standardizedFileURL
    self.replace = replace
    if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
      throw BriskError(
        "\(root.path) holds a Swift package: import into a directory of its own, not into a "
          + "repository's Problems/")
    }
  }

  var problems: URL { root.appendingPathComponent("Problems") }

  /// Adds one problem's files (relative paths to contents) and, if given, its generator.
  /// `place` names the dataset's line; a second line with the same id is an error (the later
  /// silently replaced the earlier).
  mutating func add(id: String, files: [String: String], generator: String?, place: String)
    throws
  {
    if let first = places[id] {
      throw BriskError("\(place): \(id) again (first at \(first)): each task makes one problem")
    }
    places[id] = place
    pending.append((id, files, generator))
  }

  /// Writes every added problem, after checking that none would overwrite one unasked.
  func commit() throws {
    let manager = FileManager.default
    if !replace {
      for problem in pending {
        let directory = problems.appendingPathComponent(problem.id)
        if manager.fileExists(atPath: directory.path) {
          throw BriskError(
            "\(directory.path) already exists: pass --replace to overwrite imported problems")
        }
      }
    }
    for problem in pending {
      try write(id: problem.id, files: problem.files, generator: problem.generator)
    }
  }

  private func write(id: String, files: [String: String], generator: String?) throws {
    let directory = problems.appendingPathComponent(id)
    let manager = FileManager.default
    if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let generatorURL = root.appendingPathComponent("Generators/\(id).py")
    if let generator {
      try manager.createDirectory(
        at: generatorURL.deletingLastPathComponent(), withIntermediateDirectories: true)
      try generator.write(to: generatorURL, atomically: true, encoding: .utf8)
    } else if manager.fileExists(atPath: generatorURL.path) {
      // The problem it generated tests for was just replaced by one that has none.
      try manager.removeItem(at: generatorURL)
    }
  }

  /// A TOML basic string.
  static func toml(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      default:
        if scalar.value < 0x20 {
          escaped += String(format: "\\u%04X", scalar.value)
        } else {
          escaped.unicodeScalars.append(scalar)
        }
      }
    }
    return "\"\(escaped)\""
  }
}
