import Testing

extension Tag {
  /// Pure logic, milliseconds.
  @Tag public static var small: Self
  /// Touches files, SQLite or one sandboxed process; well under a second.
  @Tag public static var medium: Self
  /// Runs the real built binaries and the real sandbox, many processes; seconds.
  @Tag public static var large: Self
}
