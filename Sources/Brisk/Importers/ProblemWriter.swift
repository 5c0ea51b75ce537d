import Foundation

/// Writes imported problems into a problem set: `DIR/Problems/<id>/` and
/// `DIR/Generators/<id>.py`. Never over an existing problem unless asked, and never into a
/// Swift package (the repository's own Problems/ hold only problems written for Brisk).
struct ProblemWriter {
  let root: URL
  let replace: Bool

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

  /// Writes one problem's files (relative paths to contents) and, if given, its generator.
  func write(id: String, files: [String: String], generator: String?) throws {
    let directory = problems.appendingPathComponent(id)
    let manager = FileManager.default
    if manager.fileExists(atPath: directory.path) {
      guard replace else {
        throw BriskError(
          "\(directory.path) already exists: pass --replace to overwrite imported problems")
      }
      try manager.removeItem(at: directory)
    }
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    if let generator {
      let url = root.appendingPathComponent("Generators/\(id).py")
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try generator.write(to: url, atomically: true, encoding: .utf8)
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
