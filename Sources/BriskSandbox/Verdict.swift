/// How a sandboxed run ended, from the harness's point of view.
public enum Verdict: String, Sendable, Codable, CaseIterable {
  /// Exited with status 0 within every limit.
  case ok
  /// Exited non-zero or was killed by a signal of its own making.
  case runtimeError = "runtime_error"
  /// Exceeded its CPU or wall-clock limit.
  case timeLimit = "time_limit"
  /// Asked for more memory than its limit.
  case memoryLimit = "memory_limit"
  /// Wrote more than the cap on stdout or stderr, or a file above the file-size limit.
  case outputLimit = "output_limit"
  /// Made a system call its policy refuses.
  case securityViolation = "security_violation"
  /// The sandbox could not be set up or the program could not be started: an infrastructure
  /// fault, never counted against the program.
  case launchFailure = "launch_failure"
}

/// Which limit ended a run.
public enum FiredLimit: String, Sendable, Codable {
  case cpu, wall, memory, stdout, stderr
  case fileSize = "file_size"
}

/// A refused system call.
public struct Violation: Sendable, Equatable, Codable {
  /// The call's name on this architecture, such as `socket`.
  public var syscall: String
  public var number: Int
  /// The offending process, as numbered inside the sandbox.
  public var pid: Int
}

/// The isolation layers a run obtained; a missing one is reported, not hidden.
public struct IsolationLayers: Sendable, Equatable, Codable {
  public var userNamespace: Bool
  public var pidNamespace: Bool
  public var networkNamespace: Bool
  public var mountNamespace: Bool
  public var ipcNamespace: Bool
  public var utsNamespace: Bool
  /// The private root with only /usr, the loader cache, four devices and the exposed paths.
  public var privateFilesystem: Bool
  public var seccomp: Bool

  /// Names of the layers that are missing, empty when fully isolated.
  public var missing: [String] {
    [
      ("user namespace", userNamespace), ("PID namespace", pidNamespace),
      ("network namespace", networkNamespace), ("mount namespace", mountNamespace),
      ("IPC namespace", ipcNamespace), ("UTS namespace", utsNamespace),
      ("private filesystem", privateFilesystem), ("seccomp", seccomp),
    ].filter { !$0.1 }.map(\.0)
  }

  static let none = IsolationLayers(
    userNamespace: false, pidNamespace: false, networkNamespace: false, mountNamespace: false,
    ipcNamespace: false, utsNamespace: false, privateFilesystem: false, seccomp: false)
}
