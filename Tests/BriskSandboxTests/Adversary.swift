import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

/// One hostile (or ordinary) program from Tests/Fixtures/Adversaries with the outcome its
/// header comment promises, such as `# expect: security_violation syscall=socket`.
struct Adversary: Sendable, CustomTestStringConvertible {
  let file: URL
  let verdict: Verdict
  let expectations: [String: String]
  let limits: SandboxLimits
  let standardInputBytes: Int

  var name: String { file.lastPathComponent }
  var testDescription: String { name }
  var isPython: Bool { file.pathExtension == "py" }

  static let directory = Fixtures.directory.appendingPathComponent("Adversaries")

  static func all() -> [Adversary] {
    let files =
      (try? FileManager.default.contentsOfDirectory(
        at: directory, includingPropertiesForKeys: nil)) ?? []
    return files.filter { ["py", "c"].contains($0.pathExtension) }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
      .compactMap { try? Adversary(file: $0) }
  }

  init(file: URL) throws {
    self.file = file
    let header = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
      .prefix(while: { $0.hasPrefix("#") || $0.hasPrefix("//") })
      .map { $0.drop(while: { $0 == "#" || $0 == "/" }).trimmingCharacters(in: .whitespaces) }
    func fields(_ key: String) -> [String] {
      header.first { $0.hasPrefix(key + ":") }
        .map { $0.dropFirst(key.count + 1).split(separator: " ").map(String.init) } ?? []
    }
    let expect = fields("expect")
    guard let first = expect.first, let verdict = Verdict(rawValue: first) else {
      throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.path])
    }
    self.verdict = verdict
    func pairs(_ words: [String]) -> [String: String] {
      Dictionary(
        words.compactMap { word in
          word.firstIndex(of: "=").map {
            (String(word[..<$0]), String(word[word.index(after: $0)...]))
          }
        }, uniquingKeysWith: { $1 })
    }
    // Values after `stdout=` or `stderr=` may contain spaces: take the rest of the line.
    var expectations = pairs(Array(expect.dropFirst()))
    for key in ["stdout", "stderr"] {
      if let index = expect.firstIndex(where: { $0.hasPrefix(key + "=") }) {
        expectations[key] =
          expect[index...].joined(separator: " ").dropFirst(key.count + 1)
          .description
      }
    }
    self.expectations = expectations
    let limits = pairs(fields("limits"))
    self.limits = SandboxLimits(
      cpuTime: .seconds(Int(limits["cpu"] ?? "2") ?? 2),
      wallTime: .seconds(Int(limits["wall"] ?? "4") ?? 4),
      memoryBytes: (Int(limits["memory"] ?? "512") ?? 512) << 20)
    self.standardInputBytes = Int(fields("stdin").first ?? "0") ?? 0
  }
}
