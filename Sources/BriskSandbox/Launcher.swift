import Foundation

/// The brisk-launch executable, built by this package next to the brisk binary.
public struct Launcher: Sendable, Equatable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// `BRISK_LAUNCHER` if set, else brisk-launch in the directory of the running executable.
  public static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(SandboxError) -> Launcher {
    if let explicit = environment["BRISK_LAUNCHER"] {
      guard FileManager.default.isExecutableFile(atPath: explicit) else {
        throw SandboxError(
          code: .launcherNotFound,
          message: "BRISK_LAUNCHER=\(explicit) is not an executable file", errno: nil)
      }
      return Launcher(path: explicit)
    }
    let executable =
      Bundle.main.executableURL?.resolvingSymlinksInPath()
      ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let directory = executable.deletingLastPathComponent()
    let candidate = directory.appendingPathComponent("brisk-launch").path
    guard FileManager.default.isExecutableFile(atPath: candidate) else {
      throw SandboxError(
        code: .launcherNotFound,
        message: "brisk-launch not found at \(candidate); build it with `swift build` "
          + "or point BRISK_LAUNCHER at it", errno: nil)
    }
    return Launcher(path: candidate)
  }
}

extension SandboxInvocation {
  /// brisk-launch's command line for this invocation (its format: Sandbox/README.md).
  func launcherArguments(captureOutput: Bool = true) -> [String] {
    var arguments = ["--policy", policy.rawValue, "--stdio", captureOutput ? "capture" : "inherit"]
    func add(_ flag: String, _ value: Int64?) {
      if let value { arguments += [flag, String(value)] }
    }
    add("--cpu-ms", limits.cpuTime?.millisecondsRoundedUp)
    add("--wall-ms", limits.wallTime?.millisecondsRoundedUp)
    add("--memory-bytes", limits.memoryBytes.map(Int64.init))
    add("--huge-request-bytes", limits.largestRequestBytes.map(Int64.init))
    add("--stdout-cap", Int64(limits.stdoutCap))
    add("--stderr-cap", Int64(limits.stderrCap))
    add("--file-size-bytes", Int64(limits.fileSizeBytes))
    add("--open-files", Int64(limits.openFiles))
    add("--stack-bytes", Int64(limits.stackBytes))
    add("--scratch-bytes", Int64(limits.scratchBytes))
    add("--cpu-affinity", cpuAffinity.map(Int64.init))
    add("--slot", Int64(slot))
    if execCount != 1 { add("--exec-count", Int64(execCount)) }
    if mountsProc { arguments.append("--proc") }
    if let system { arguments += ["--system", system.root] }
    for path in exposedPaths {
      arguments += [
        "--ro", path.source == path.target ? path.source : "\(path.source):\(path.target)",
      ]
    }
    for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
      arguments += ["--env", "\(key)=\(value)"]
    }
    return arguments + ["--", program] + self.arguments
  }
}
