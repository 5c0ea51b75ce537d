import CBriskSystem
import Foundation
import Glibc

/// Runs programs confined by brisk-launch: the only way Brisk starts code it did not write.
public struct Sandbox: Sendable {
  public let launcher: Launcher

  public init(launcher: Launcher) {
    self.launcher = launcher
  }

  /// How many CPUs this process may run on; Brisk pins one worker to each.
  public static var availableCPUs: Int { Int(brisk_available_cpus()) }

  /// A sandbox using the brisk-launch found by `Launcher.locate()`.
  public init() throws(SandboxError) {
    self.init(launcher: try Launcher.locate())
  }

  /// Runs one program to completion and reports what happened. Throws only when the harness
  /// itself fails; anything the program does, including failing to start, is an `Outcome`.
  public func run(_ invocation: SandboxInvocation) async throws(SandboxError) -> Outcome {
    let result: Result<Outcome, SandboxError> = await withCheckedContinuation { continuation in
      // Blocking waits stay off Swift's cooperative pool, which has one thread per core.
      Thread {
        continuation.resume(
          returning: Result { () throws(SandboxError) in
            try runBlocking(invocation)
          })
      }.start()
    }
    return try result.get()
  }

  func runBlocking(_ invocation: SandboxInvocation) throws(SandboxError) -> Outcome {
    let report = try SystemCalls.pipe()
    defer { SystemCalls.close(report.read) }
    let stdout = try SystemCalls.memoryFile(named: "brisk-stdout")
    defer { SystemCalls.close(stdout) }
    let stderr = try SystemCalls.memoryFile(named: "brisk-stderr")
    defer { SystemCalls.close(stderr) }
    let stdin: Int32
    switch invocation.standardInput {
    case .empty: stdin = try SystemCalls.open("/dev/null", flags: O_RDONLY)
    case .bytes(let bytes): stdin = try SystemCalls.sealedFile(bytes, named: "brisk-stdin")
    case .inherited: stdin = 0
    }
    defer { if stdin != 0 { SystemCalls.close(stdin) } }

    let pid: pid_t
    do {
      pid = try SystemCalls.spawn(
        launcher.path, arguments: invocation.launcherArguments(),
        environment: ["PATH=/usr/bin:/bin"], descriptors: [stdin, stdout, stderr, report.write])
    } catch {
      SystemCalls.close(report.write)
      throw error
    }
    SystemCalls.close(report.write)
    let reportBytes = SystemCalls.readToEnd(report.read)
    let status = SystemCalls.wait(for: pid)
    let errorBytes = SystemCalls.contents(of: stderr)
    guard let decoded = try? JSONDecoder().decode(LauncherReport.self, from: Data(reportBytes))
    else {
      let detail = String(decoding: errorBytes.suffix(2000), as: UTF8.self)
      throw SandboxError(
        code: .missingReport,
        message: "brisk-launch (\(launcher.path)) ended with wait status \(status) and no "
          + "report\(detail.isEmpty ? "" : ": \(detail)")", errno: nil)
    }
    return Outcome(
      report: decoded, stdout: SystemCalls.contents(of: stdout), stderr: errorBytes,
      limits: invocation.limits, policy: invocation.policy)
  }
}
