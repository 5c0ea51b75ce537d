/// A failure Brisk explains to its user: what went wrong, where, and what to do.
public struct BriskError: Error, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }

  /// A problem's files are wrong: names the file and, when known, the field.
  static func problem(_ file: String, _ message: String) -> BriskError {
    BriskError("\(file): \(message)")
  }

  /// A checker could not be loaded or run.
  static func checker(_ message: String) -> BriskError {
    BriskError("checker: \(message)")
  }
}
