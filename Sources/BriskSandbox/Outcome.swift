/// What happened to one sandboxed run, measured from outside the program.
public struct Outcome: Sendable, Equatable {
  public var verdict: Verdict
  /// Exit status, when the program exited.
  public var exitCode: Int32?
  /// Terminating signal, when it was killed.
  public var signal: Int32?
  /// Kernel-accounted CPU time of the program's threads, read by the supervisor.
  public var cpuTime: Duration
  /// User and system CPU time from wait4 (the program and any children it reaped).
  public var userTime: Duration
  public var systemTime: Duration
  /// From start to exit, on the supervisor's monotonic clock.
  public var wallTime: Duration
  /// Peak resident set size from wait4, in KiB.
  public var maxRSSKilobytes: Int
  /// Captured output, at most the caps.
  public var stdout: [UInt8]
  public var stderr: [UInt8]
  /// The limit that ended the run, if any.
  public var limit: FiredLimit?
  /// The refused system call, for a security violation.
  public var violation: Violation?
  /// The largest single memory request refused by the supervisor, 0 if none.
  public var refusedRequestBytes: Int
  public var layers: IsolationLayers
  /// Why the launch failed, or other facts worth a human's attention.
  public var message: String?
  public var policy: SandboxPolicy
}

extension Outcome {
  /// Classifies the launcher's raw report. Pure, so that each rule has a test.
  init(
    report: LauncherReport, stdout: [UInt8], stderr: [UInt8], limits: SandboxLimits,
    policy: SandboxPolicy
  ) {
    self.init(
      verdict: .ok, exitCode: report.exit_code, signal: report.signal,
      cpuTime: .nanoseconds(report.cpu_ns), userTime: .microseconds(report.user_us),
      systemTime: .microseconds(report.sys_us), wallTime: .nanoseconds(report.wall_ns),
      maxRSSKilobytes: report.max_rss_kb, stdout: stdout, stderr: stderr,
      limit: report.limit.flatMap(FiredLimit.init(rawValue:)),
      violation: report.violation.map {
        Violation(syscall: $0.syscall, number: $0.nr, pid: $0.pid)
      },
      refusedRequestBytes: Int(report.refused_request_bytes), layers: report.isolation,
      message: report.error, policy: policy)
    verdict = classify(limits: limits, launched: report.status == "ran")
  }

  private mutating func classify(limits: SandboxLimits, launched: Bool) -> Verdict {
    guard launched else { return .launchFailure }
    if violation != nil { return .securityViolation }
    if signal == signalBadSystemCall {
      // Only the filter's foreign-architecture rule kills outright (i386 int 0x80, x32).
      violation = Violation(syscall: "non-x86-64 system call", number: -1, pid: 0)
      return .securityViolation
    }
    switch limit {
    case .cpu?, .wall?: return .timeLimit
    case .stdout?, .stderr?: return .outputLimit
    default: break
    }
    if signal == signalFileSizeExceeded {
      limit = .fileSize
      return .outputLimit
    }
    let overCPU = limits.cpuTime.map { cpuTime >= $0 } ?? false
    if signal == signalCPUExceeded || (signal == signalKill && overCPU) {
      limit = .cpu  // RLIMIT_CPU backstop
      return .timeLimit
    }
    let failed = exitCode != 0 || signal != nil
    // A refused oversized request, or a failure with the address-space budget nearly all
    // resident: both are measured by the kernel, not reported by the program.
    let nearlyAllResident =
      limits.memoryBytes.map { maxRSSKilobytes * 1024 * 10 >= $0 * 9 } ?? false
    if failed && (refusedRequestBytes > 0 || nearlyAllResident) {
      limit = .memory
      return .memoryLimit
    }
    return failed ? .runtimeError : .ok
  }
}

// Linux x86-64 signal numbers.
let signalKill: Int32 = 9
let signalCPUExceeded: Int32 = 24
let signalFileSizeExceeded: Int32 = 25
let signalBadSystemCall: Int32 = 31
