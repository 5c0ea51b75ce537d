import Foundation
import Glibc

/// A long-lived sandboxed program that the harness talks to through its stdin and stdout
/// (Brisk's trusted runner, judge and generator driver). Its stderr is kept for diagnosis.
///
/// Not thread-safe: one owner does all its blocking I/O, on a thread of its own.
public final class SandboxProcess: @unchecked Sendable {
  public let invocation: SandboxInvocation
  /// brisk-launch's process id (the sandboxed program is its descendant).
  public let pid: pid_t
  private var input: Int32
  private let output: Int32
  private let errors: Int32
  private let report: Int32
  private var outcome: Outcome?

  /// Starts the program; the invocation's stdin and stdout become pipes to this object.
  public init(_ invocation: SandboxInvocation, launcher: Launcher) throws(SandboxError) {
    // A program that dies while the harness writes to it must be an error, not a SIGPIPE that
    // kills the harness.
    signal(SIGPIPE, SIG_IGN)
    self.invocation = invocation
    let toProgram = try SystemCalls.pipe()
    let fromProgram: (read: Int32, write: Int32)
    let reportPipe: (read: Int32, write: Int32)
    let errors: Int32
    do {
      fromProgram = try SystemCalls.pipe()
      reportPipe = try SystemCalls.pipe()
      errors = try SystemCalls.memoryFile(named: "brisk-stderr")
    } catch {
      SystemCalls.close(toProgram.read)
      SystemCalls.close(toProgram.write)
      throw error
    }
    defer {
      SystemCalls.close(toProgram.read)
      SystemCalls.close(fromProgram.write)
      SystemCalls.close(reportPipe.write)
    }
    do {
      pid = try SystemCalls.spawn(
        launcher.path, arguments: invocation.launcherArguments(captureOutput: false),
        environment: ["PATH=/usr/bin:/bin"],
        descriptors: [toProgram.read, fromProgram.write, errors, reportPipe.write])
    } catch {
      [toProgram.write, fromProgram.read, reportPipe.read, errors].forEach(SystemCalls.close)
      throw error
    }
    input = toProgram.write
    output = fromProgram.read
    self.errors = errors
    report = reportPipe.read
  }

  deinit {
    if outcome == nil {
      terminate()
      _ = finish()
    }
    [output, errors, report].forEach(SystemCalls.close)
  }

  /// Writes all of `bytes` to the program's stdin.
  public func write(_ bytes: [UInt8]) throws(SandboxError) {
    try SystemCalls.writeAll(input, bytes)
  }

  /// Reads exactly `count` bytes from the program's stdout; fewer means it ended. With a
  /// `deadline`, a program that has not sent them by then is an error (`.stalled`), so that one
  /// which waits (a `sleep`, a lock) is not waited for until its wall limit.
  public func read(
    exactly count: Int, deadline: ContinuousClock.Instant? = nil
  ) throws(SandboxError) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      if let deadline, !(try waitForOutput(until: deadline)) {
        throw SandboxError(
          code: .stalled, message: "the sandboxed \(invocation.program) sent nothing in time",
          errno: nil)
      }
      // Into the one buffer, at an offset: reading through a mutable slice of it copied the
      // rest of the buffer out and back on every read (a pipe returns 64 KiB at most).
      let n = result.withUnsafeMutableBytes { buffer in
        Glibc.read(output, buffer.baseAddress.map { $0 + filled }, count - filled)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        throw SandboxError(
          code: .processEnded,
          message: "the sandboxed \(invocation.program) stopped answering\(diagnosis)", errno: nil)
      }
      filled += n
    }
    return result
  }

  /// Whether the program's stdout becomes readable (data or its end) before `deadline`.
  private func waitForOutput(until deadline: ContinuousClock.Instant) throws(SandboxError) -> Bool {
    while true {
      let left = ContinuousClock.now.duration(to: deadline)
      guard left > .zero else { return false }
      let milliseconds = Int32(clamping: left.millisecondsRoundedUp)
      var entry = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      let ready = poll(&entry, 1, milliseconds)
      if ready > 0 { return true }
      if ready < 0 && errno != EINTR {
        throw SandboxError(code: .systemCall, message: "poll failed", errno: errno)
      }
    }
  }

  /// Kills the program (and with it everything in its sandbox).
  public func terminate() {
    SystemCalls.close(input)
    input = -1
    kill(pid, SIGKILL)
  }

  /// Closes its stdin, waits for it to end, and reports how it ended.
  @discardableResult
  public func finish() -> Outcome? {
    if let outcome { return outcome }
    SystemCalls.close(input)
    input = -1
    let bytes = SystemCalls.readToEnd(report)
    _ = SystemCalls.wait(for: pid)
    let stderr = SystemCalls.contents(of: errors)
    if let decoded = try? JSONDecoder().decode(LauncherReport.self, from: Data(bytes)) {
      outcome = Outcome(
        report: decoded, stdout: [], stderr: stderr, limits: invocation.limits,
        policy: invocation.policy)
    }
    return outcome
  }

  /// The tail of what the program wrote on stderr, for error messages.
  public var diagnosis: String {
    let tail = String(decoding: SystemCalls.contents(of: errors).suffix(1500), as: UTF8.self)
    return tail.isEmpty ? "" : ": \(tail)"
  }
}
