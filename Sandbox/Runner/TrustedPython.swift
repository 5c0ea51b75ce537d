/// Brisk's trusted Python programs, embedded in the binary so that it runs from anywhere.
public enum TrustedPython {
  /// File name and content of each program and module (they import one another).
  public static let files: [(name: String, content: [UInt8])] = [
    ("brisk_values.py", PackageResources.brisk_values_py),
    ("brisk_protocol.py", PackageResources.brisk_protocol_py),
    ("brisk_runner.py", PackageResources.brisk_runner_py),
    ("brisk_judge.py", PackageResources.brisk_judge_py),
    ("brisk_generate.py", PackageResources.brisk_generate_py),
    ("brisk_examples.py", PackageResources.brisk_examples_py),
    ("brisk_build.py", PackageResources.brisk_build_py),
    ("brisk_calls.c", PackageResources.brisk_calls_c),
  ]
}
