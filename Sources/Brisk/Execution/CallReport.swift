/// What the trusted runner observed of one call, measured from outside the child that made it
/// (Sandbox/Runner/brisk_runner.py). Raw facts; `CallVerdict` interprets them.
public struct CallReport: Sendable, Equatable, Decodable {
  /// The child decoded its input and was released; false means the input never reached the
  /// solution.
  public var started: Bool
  /// "O" result, "E" exception, "M" MemoryError, "V" OverflowError, "?" garbage, nil nothing
  /// written.
  public var frame: String?
  /// The exception's traceback, or why the call never started.
  public var message: String?
  /// "cpu", "wall" or "output" when the runner killed the child for a limit.
  public var killed: String?
  /// Kernel-accounted CPU time from release to result (or exit), nanoseconds.
  public var cpuNanoseconds: Int64
  public var wallNanoseconds: Int64
  public var exitCode: Int32?
  public var signal: Int32?
  public var maxRSSKilobytes: Int
  /// The system call the supervisor refused, killing the child.
  public var violation: String?
  /// A single allocation the supervisor refused for exceeding the memory limit.
  public var memoryRefused: Int64?
  /// Whether the call changed its arguments (only when asked to check).
  public var mutated: Bool?
  /// Instructions executed from release to result, when the instruction meter counts them.
  public var instructions: Int64?
  /// The runner holds this call's arguments decoded, for the next call on them.
  public var inputDecoded: Bool
  /// The call changed the scratch directory (under the CPU meter): the runner must not serve
  /// another call from it, since what the call did there would reach the next one.
  public var scratchWritten: Bool?
  /// The encoded result, for an "O" frame.
  public var output: [UInt8] = []

  enum CodingKeys: String, CodingKey {
    case started, frame, message, killed, signal, violation, mutated, instructions
    case inputDecoded = "input_held"
    case scratchWritten = "scratch_written"
    case cpuNanoseconds = "cpu_ns"
    case wallNanoseconds = "wall_ns"
    case exitCode = "exit_code"
    case maxRSSKilobytes = "max_rss_kb"
    case memoryRefused = "memory_refused"
  }
}

/// How one call ended, from the harness's point of view.
public enum CallVerdict: Sendable, Equatable {
  /// Returned a value (not yet judged).
  case returned
  /// Raised an exception, exited, or crashed.
  case runtimeError(String)
  /// Exceeded the CPU (or wall) limit it was given.
  case timeLimit
  /// Ran out of its memory limit, as seen by the kernel or the supervisor.
  case memoryLimit
  /// Produced more output than the cap.
  case outputLimit
  /// Made a refused system call.
  case securityViolation(String)
  /// The input never reached the solution: an infrastructure fault.
  case notStarted(String)

  /// Classifies a report. A MemoryError counts as a memory limit only with evidence the
  /// solution cannot forge: a refused oversized request, or half the limit resident.
  public init(_ report: CallReport, memoryLimitBytes: Int?) {
    if !report.started {
      self = .notStarted(report.message ?? "the child ended before its input was ready")
    } else if let syscall = report.violation {
      self = .securityViolation(syscall)
    } else if report.killed == "cpu" || report.killed == "wall" {
      self = .timeLimit
    } else if report.killed == "output" {
      self = .outputLimit
    } else if report.frame == "O" {
      // A complete result was delivered (what happened to the process after it is moot).
      self = .returned
    } else if report.frame == "M" || report.memoryRefused != nil {
      let resident = memoryLimitBytes.map { report.maxRSSKilobytes * 1024 * 2 >= $0 } ?? false
      self =
        report.memoryRefused != nil || resident
        ? .memoryLimit : .runtimeError(report.message ?? "MemoryError")
    } else if report.frame == "E" || report.frame == "V" {
      self = .runtimeError(report.message ?? "exception")
    } else if let signal = report.signal {
      self = .runtimeError("killed by signal \(signal) before returning")
    } else {
      self = .runtimeError("exited with status \(report.exitCode ?? -1) before returning")
    }
  }

  /// A short name, as stored and shown.
  public var name: String {
    switch self {
    case .returned: "ok"
    case .runtimeError: "runtime_error"
    case .timeLimit: "time_limit"
    case .memoryLimit: "memory_limit"
    case .outputLimit: "output_limit"
    case .securityViolation: "security_violation"
    case .notStarted: "launch_failure"
    }
  }
}
