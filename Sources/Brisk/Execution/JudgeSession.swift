import BriskSandbox
import Foundation

/// How a problem decides whether an output is right.
public enum CheckerKind: Sendable, Equatable {
  /// Python's == on the decoded values (NaN equals NaN; a list never equals a tuple).
  case exact
  /// Numbers equal within a relative and absolute tolerance, recursively.
  case float(tolerance: Double)
  /// The same elements in any order, for a list or tuple result.
  case unordered
  /// A Python file defining check(args, expected, output) -> bool.
  case custom(path: String)
}

/// A sandboxed judge holding one problem's checker; solution code never runs in it.
public final class JudgeSession {
  private let channel: FrameChannel
  /// The custom checker's file on the host, for messages.
  private var checkerPath: String?
  private static let checkerMount = "/problem/checker.py"

  public init(
    scripts: TrustedScripts, launcher: Launcher, checker: CheckerKind, cpu: Int?, slot: Int
  ) throws {
    var exposed: [ExposedPath] = []
    if case .custom(let path) = checker {
      exposed.append(ExposedPath(path, at: Self.checkerMount))
      checkerPath = path
    }
    let invocation = scripts.invocation(
      "brisk_judge.py", policy: .python,
      limits: SandboxLimits(cpuTime: nil, wallTime: nil, memoryBytes: 4 << 30),
      exposing: exposed, cpu: cpu, slot: slot)
    channel = FrameChannel(process: try SandboxProcess(invocation, launcher: launcher))
    let (reply, _): (Reply, [UInt8])
    do {
      try channel.send(Self.request(for: checker))
      (reply, _) = try channel.receive(Reply.self)
    }
    if reply.ok == false {
      throw BriskError.checker(
        shownWithRealPath(reply.message ?? "the checker could not be loaded"))
    }
  }

  deinit {
    channel.process.finish()
  }

  private struct Request: Encodable {
    var op: String
    var kind: String?
    var tolerance: Double?
    var path: String?
  }

  private struct Reply: Decodable {
    var ok: Bool?
    var message: String?
    var accepted: Bool?
    var reason: String?
  }

  private static func request(for checker: CheckerKind) -> Request {
    switch checker {
    case .exact: Request(op: "checker", kind: "exact")
    case .float(let tolerance): Request(op: "checker", kind: "float", tolerance: tolerance)
    case .unordered: Request(op: "checker", kind: "unordered")
    case .custom: Request(op: "checker", kind: "custom", path: checkerMount)
    }
  }

  /// How long judging one output may take: 30 s, and 1 s more per MiB of output. A sample's
  /// output can be built to make decoding it take hours (a set of integers that all hash
  /// alike, a number of millions of digits); such an output is rejected, and the judge
  /// stopped, rather than the run waiting on it.
  func patience(forOutputOf bytes: Int) -> Duration {
    patienceFloor + .milliseconds(bytes * 1000 / (1 << 20))
  }

  /// The 30 s above; shorter in tests.
  var patienceFloor: Duration = .seconds(30)

  /// Whether the judge was stopped, on an output it took too long over.
  public private(set) var isStopped = false

  /// Whether `output` is right for the encoded arguments; the reason when it is not.
  public func check(arguments: [UInt8], expected: [UInt8], output: [UInt8]) throws -> (
    accepted: Bool, reason: String?
  ) {
    try channel.send(
      Request(op: "check"), payload: FrameChannel.packParts([arguments, expected, output]))
    let patience = patience(forOutputOf: output.count)
    guard let (reply, _) = try channel.receive(Reply.self, within: patience) else {
      isStopped = true
      let seconds = String(format: "%g", patience.milliseconds / 1000)
      return (
        false,
        "wrong answer: judging this output took over \(seconds) s, so the judge was stopped "
          + "(an output of \(output.count) bytes that costly to read or compare is not accepted)"
      )
    }
    return (reply.accepted ?? false, reply.reason.map(shownWithRealPath))
  }

  /// The checker file where the judge's message names its path inside the sandbox.
  private func shownWithRealPath(_ message: String) -> String {
    checkerPath.map { message.replacingOccurrences(of: Self.checkerMount, with: $0) } ?? message
  }
}

/// A judge started on first use: most outputs equal the expected bytes and never need one,
/// and a judge is a whole interpreter to start.
public final class LazyJudge {
  private let start: () throws -> JudgeSession
  private var session: JudgeSession?

  public init(start: @escaping () throws -> JudgeSession) {
    self.start = start
  }

  public init(session: JudgeSession) {
    self.session = session
    self.start = { session }
  }

  public func check(arguments: [UInt8], expected: [UInt8], output: [UInt8]) throws -> (
    accepted: Bool, reason: String?
  ) {
    // A judge stopped on an output it took too long over is replaced.
    let judge = try session.flatMap { $0.isStopped ? nil : $0 } ?? start()
    session = judge
    return try judge.check(arguments: arguments, expected: expected, output: output)
  }
}
