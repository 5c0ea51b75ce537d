import Foundation

/// What a measurement counts.
public enum Meter: String, Sendable, CaseIterable, Codable {
  /// Kernel-accounted CPU time of each call (the default): fast, noisy by a few percent.
  case cpuTime = "cpu"
  /// Instructions executed, counted by valgrind's callgrind around each call: identical across
  /// reruns, about 50 times slower.
  case instructions

  /// The stored name of the signal.
  public var signal: String { self == .cpuTime ? "cpu_time" : "instructions" }

  /// valgrind's real binary (Debian's /usr/bin/valgrind is a shell script that execs it).
  static let valgrind = "/usr/bin/valgrind.bin"

  /// Why this meter cannot run here, or nil.
  public var unavailableReason: String? {
    guard self == .instructions else { return nil }
    return FileManager.default.isExecutableFile(atPath: Self.valgrind)
      ? nil : "the instruction meter needs valgrind: apt-get install valgrind"
  }
}
