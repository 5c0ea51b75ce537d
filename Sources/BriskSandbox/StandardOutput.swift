import CBriskSystem

/// The process's standard output stream.
public enum StandardOutput {
  /// Writes each line as it is printed even into a pipe or a file (stdio buffers 4 KiB there):
  /// a CI log of `brisk problem check` showed nothing until the command ended.
  public static func flushEveryLine() { brisk_line_buffer_stdout() }
}
