import Foundation

/// Paths to checked-in fixtures and to the shared third-party data, found from this file.
public enum Fixtures {
  /// Tests/Fixtures.
  public static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The repository's root.
  public static let repository = directory.deletingLastPathComponent().deletingLastPathComponent()

  /// ../shared/data next to the repository, when present (third-party datasets).
  public static let sharedData = repository.deletingLastPathComponent()
    .appendingPathComponent("shared/data")

  /// A fresh directory under the system's temporary directory, removed by the caller.
  public static func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
