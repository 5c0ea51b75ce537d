/// A failure of the sandbox machinery itself (never of the sandboxed program, whose fate is an
/// `Outcome`).
public struct SandboxError: Error, Equatable, CustomStringConvertible {
  /// What kind of failure; extensible without breaking callers that switch on it.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let name: String
    /// brisk-launch is not where Brisk looked for it.
    public static let launcherNotFound = Code(name: "launcher not found")
    /// A system call made by the harness failed; `errno` says why.
    public static let systemCall = Code(name: "system call failed")
    /// A long-lived sandboxed program stopped answering.
    public static let processEnded = Code(name: "sandboxed process ended")
    /// A long-lived sandboxed program sent nothing before a deadline.
    public static let stalled = Code(name: "sandboxed process stalled")
    /// brisk-launch ended without a readable report.
    public static let missingReport = Code(name: "no report from brisk-launch")
    public var description: String { name }
  }

  public var code: Code
  public var message: String
  /// The errno of a failed system call.
  public var errno: Int32?

  public var description: String { message }
}
