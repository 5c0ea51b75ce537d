import Foundation

/// Whole-text snapshots under Tests/Fixtures; BRISK_UPDATE_SNAPSHOTS=1 rewrites them.
public enum Snapshot {
  public static func matches(_ text: String, _ name: String) throws -> Bool {
    let url = Fixtures.directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BRISK_UPDATE_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      return true
    }
    return try String(contentsOf: url, encoding: .utf8) == text
  }
}
