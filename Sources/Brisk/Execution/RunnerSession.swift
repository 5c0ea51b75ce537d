import BriskSandbox
import Foundation

/// Limits for one call in the runner.
public struct CallLimits: Sendable, Equatable, Encodable {
  public var cpuMilliseconds: Int
  public var wallMilliseconds: Int
  public var memoryBytes: Int

  public init(cpuMilliseconds: Int, wallMilliseconds: Int? = nil, memoryBytes: Int) {
    self.cpuMilliseconds = max(cpuMilliseconds, 1)
    self.wallMilliseconds = wallMilliseconds ?? (2 * self.cpuMilliseconds + 1000)
    self.memoryBytes = memoryBytes
  }
}

/// One sandboxed fork server hosting solutions of one kind (the expert reference, or one
/// candidate sample): it loads code and measures calls. Not thread-safe; one owner.
public final class RunnerSession {
  private var channel: FrameChannel
  private let memoryLimitBytes: Int
  private let invocation: SandboxInvocation
  private let launcher: Launcher
  /// The arguments the runner holds decoded: a repetition on them sends none.
  private var heldArguments: [UInt8]?
  private var ended = false
  /// What was loaded, in order, to load again into a fresh runner.
  private var loaded: [(name: String, source: String, problem: Problem)] = []
  /// A call changed the scratch directory: the next call needs a fresh runner.
  private var stale = false
  /// How many times this session started its runner afresh after a call wrote to scratch.
  public private(set) var renewals = 0
  /// How much longer than a call's wall limit the runner may take to answer: decoding a large
  /// input before the child starts (the runner allows itself 120 s), then reaping and
  /// replying. A runner that takes longer has been stopped (an audit's sample had the kernel
  /// send it SIGSTOP, and the harness waited for ever) and is ended rather than waited for.
  public var replyMargin: Duration = .seconds(180)
  public var process: SandboxProcess { channel.process }

  /// Starts a runner pinned to `cpu` (when given) whose children get at most
  /// `memoryLimitBytes` of address space.
  public init(
    scripts: TrustedScripts, launcher: Launcher, memoryLimitBytes: Int, cpu: Int?, slot: Int,
    meter: Meter
  ) throws {
    self.memoryLimitBytes = memoryLimitBytes
    // The runner itself is small; the headroom lets children lower their own limit. Under
    // valgrind the children cannot lower it (valgrind needs the space), so the whole sandbox
    // gets the limit plus valgrind's own needs.
    let memory =
      meter == .instructions ? 3 * memoryLimitBytes + (2 << 30) : memoryLimitBytes + (512 << 20)
    let limits = SandboxLimits(
      cpuTime: nil, wallTime: nil, memoryBytes: memory, largestRequestBytes: memoryLimitBytes,
      openFiles: 64)
    invocation = scripts.invocation(
      "brisk_runner.py", policy: .runner, limits: limits, cpu: cpu, slot: slot, meter: meter)
    self.launcher = launcher
    channel = FrameChannel(process: try SandboxProcess(invocation, launcher: launcher))
  }

  /// Ends the runner and starts another in a fresh sandbox (so a fresh scratch directory),
  /// with the same solutions loaded.
  private func renew() throws {
    end()
    channel = FrameChannel(process: try SandboxProcess(invocation, launcher: launcher))
    ended = false
    heldArguments = nil
    stale = false
    renewals += 1
    for solution in loaded {
      if let message = try send(load: solution.name, source: solution.source, for: solution.problem)
      {
        throw BriskError(
          "\(solution.problem.id): \(solution.name) no longer loads in a fresh runner "
            + "(started after a call wrote to its scratch directory): \(message)")
      }
    }
  }

  deinit { end() }

  /// Asks the runner to quit and waits until its sandbox is gone. Idempotent.
  public func end() {
    guard !ended else { return }
    ended = true
    try? channel.send(Request(op: "quit"))
    channel.process.finish()
  }

  private struct Request: Encodable {
    var op: String
    var solution: String?
    var entry: String?
    var cpu_ms: Int?
    var wall_ms: Int?
    var memory_bytes: Int?
    var check_mutation: Bool?
    var tests: String?
    var same_input: Bool?
  }

  private struct LoadReply: Decodable {
    var ok: Bool
    var message: String?
  }

  /// Compiles `source`, a solution of `problem`, under `name` (never executing it here), with
  /// the problem's assertions when it has them. Returns the compiler's message when the
  /// source does not compile.
  public func load(_ name: String, source: String, for problem: Problem) throws -> String? {
    let message = try send(load: name, source: source, for: problem)
    if message == nil { loaded.append((name, source, problem)) }
    return message
  }

  private func send(load name: String, source: String, for problem: Problem) throws -> String? {
    try channel.send(
      Request(op: "load", solution: name, entry: problem.entryPoint, tests: problem.assertions),
      payload: Array(source.utf8))
    guard let (reply, _) = try channel.receive(LoadReply.self, within: Self.loadPatience) else {
      return "compiling it took over \(Self.loadPatience.components.seconds) s, so Brisk stopped "
        + "it (a source that costly to compile is not accepted)"
    }
    return reply.ok ? nil : (reply.message ?? "does not compile")
  }

  /// How long compiling a solution (and loading the modules it imports) may take: a source
  /// can be built to compile for hours.
  static let loadPatience: Duration = .seconds(60)

  /// Calls the loaded solution `name` on encoded arguments in a fresh child.
  public func call(
    _ name: String, arguments: [UInt8], limits: CallLimits, checkMutation: Bool = false
  ) throws -> (report: CallReport, verdict: CallVerdict) {
    if stale { try renew() }
    // The same test again (the same buffer, usually: a cheap comparison): the runner still
    // holds its arguments decoded, so they are not sent again.
    let same = heldArguments?.hasSameBytes(as: arguments) ?? false
    heldArguments = nil
    try channel.send(
      Request(
        op: "run", solution: name, cpu_ms: limits.cpuMilliseconds,
        wall_ms: limits.wallMilliseconds, memory_bytes: limits.memoryBytes,
        check_mutation: checkMutation, same_input: same ? true : nil),
      payload: same ? [] : arguments)
    let patience = replyMargin + .milliseconds(limits.wallMilliseconds)
    guard var (report, output) = try channel.receive(CallReport.self, within: patience) else {
      stale = true  // ended: the next call starts a fresh runner
      throw BriskError(
        "the runner did not answer a call within \(patience.components.seconds) s (its wall "
          + "limit and \(replyMargin.components.seconds) s more), so Brisk ended it")
    }
    if report.inputDecoded { heldArguments = arguments }
    // What the call did in the scratch directory (a file, the directory's times, the next
    // inode number) would reach the next call, and a sample memoized its answers there.
    if report.scratchWritten == true { stale = true }
    report.output = output
    return (report, CallVerdict(report, memoryLimitBytes: limits.memoryBytes))
  }
}
