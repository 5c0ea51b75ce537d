/// Resource limits for one sandboxed run. Sizes are in bytes.
public struct SandboxLimits: Sendable, Equatable, Codable {
  /// CPU time of the program over all its threads, enforced to the millisecond by the
  /// supervisor, with RLIMIT_CPU one second above as a backstop. `nil`: no limit.
  public var cpuTime: Duration?
  /// Wall-clock time from start to exit; a sleeping program uses no CPU, so only this stops it.
  public var wallTime: Duration?
  /// Address space (RLIMIT_AS). A single request above `largestRequestBytes` is refused by the
  /// supervisor and recorded, which makes a memory-limit verdict.
  public var memoryBytes: Int?
  /// A single mmap or mremap above this is refused and reported; defaults to `memoryBytes`.
  public var largestRequestBytes: Int?
  /// Captured standard output; one byte more kills the program (output limit).
  public var stdoutCap: Int
  /// Captured standard error; one byte more kills the program (output limit).
  public var stderrCap: Int
  /// Largest file the program may write (RLIMIT_FSIZE).
  public var fileSizeBytes: Int
  /// Descriptors the program may hold (RLIMIT_NOFILE).
  public var openFiles: Int
  /// Stack size (RLIMIT_STACK).
  public var stackBytes: Int
  /// Size of the private tmpfs that is the working directory.
  public var scratchBytes: Int

  public init(
    cpuTime: Duration? = .seconds(10),
    wallTime: Duration? = .seconds(20),
    memoryBytes: Int? = 1 << 30,
    largestRequestBytes: Int? = nil,
    stdoutCap: Int = 16 << 20,
    stderrCap: Int = 1 << 20,
    fileSizeBytes: Int = 64 << 20,
    openFiles: Int = 64,
    stackBytes: Int = 8 << 20,
    scratchBytes: Int = 64 << 20
  ) {
    self.cpuTime = cpuTime
    self.wallTime = wallTime
    self.memoryBytes = memoryBytes
    self.largestRequestBytes = largestRequestBytes
    self.stdoutCap = stdoutCap
    self.stderrCap = stderrCap
    self.fileSizeBytes = fileSizeBytes
    self.openFiles = openFiles
    self.stackBytes = stackBytes
    self.scratchBytes = scratchBytes
  }

  /// The limits `brisk sandbox exec` uses unless told otherwise.
  public static let standard = SandboxLimits()
}

extension Duration {
  /// Whole milliseconds, rounded up so that a limit is never tightened by conversion.
  var millisecondsRoundedUp: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
  }

  /// Milliseconds as a floating-point number, for display and JSON.
  public var milliseconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }
}
