import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// The harness's side of the runner's frames.
@Suite(.tags(.medium))
struct RunnerSessionTests {
  /// A runner under the CPU meter and a problem of the small set (whose folder to remove).
  static func runnerForAProblem() throws -> (RunnerSession, Problem, URL) {
    let (root, problems) = try SmallProblemSet.make()
    let problem = try #require(problems.first)
    let runner = try RunnerSession(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate(),
      memoryLimitBytes: 512 << 20, cpu: nil, slot: 0, meter: .cpuTime)
    return (runner, problem, root)
  }

  /// A result many times a pipe's 64 KiB arrives whole and in order, on a fresh input and on
  /// a repetition that reuses the input the runner holds.
  @Test func aLargeResultArrivesWhole() throws {
    let (runner, problem, root) = try Self.runnerForAProblem()
    defer {
      runner.end()
      try? FileManager.default.removeItem(at: root)
    }
    let source = """
      def \(problem.entryPoint)(n):
          return "".join(chr(97 + i % 26) for i in range(n))
      """
    #expect(try runner.load("large", source: source, for: problem) == nil)
    let count = 3 << 20
    let quote = UInt8(ascii: "\"")
    let expected = [quote] + (0..<count).map { UInt8(97 + $0 % 26) } + [quote]
    let arguments = Array("[\(count)]".utf8)
    let limits = CallLimits(cpuMilliseconds: 20_000, memoryBytes: 512 << 20)
    for repetition in 0..<2 {
      let (report, verdict) = try runner.call("large", arguments: arguments, limits: limits)
      #expect(verdict == .returned, "repetition \(repetition): \(verdict)")
      #expect(report.output.count == expected.count, "repetition \(repetition)")
      #expect(report.output.hasSameBytes(as: expected), "repetition \(repetition)")
    }
  }

  /// Nothing a call does in the scratch directory reaches the next call: not a file, not the
  /// directory's times (a sample memoized its answers in them and scored eff 1.41), not the
  /// next inode number. A call that wrote there is followed by a fresh runner; one that did
  /// not, by the same runner.
  @Test func whatACallDoesInScratchNeverReachesTheNext() throws {
    let (runner, problem, root) = try Self.runnerForAProblem()
    defer {
      runner.end()
      try? FileManager.default.removeItem(at: root)
    }
    let source = """
      import os
      def \(problem.entryPoint)(n):
          if n == 0:
              return 0
          before = os.stat("/tmp")
          fd = os.open("/tmp/memo", os.O_CREAT | os.O_WRONLY)
          inode = os.fstat(fd).st_ino
          os.close(fd)
          os.unlink("/tmp/memo")
          os.utime("/tmp", ns=(123456789, 987654321))
          return [inode, before.st_atime_ns == 123456789, before.st_mtime_ns == 987654321]
      """
    #expect(try runner.load("memo", source: source, for: problem) == nil)
    let limits = CallLimits(cpuMilliseconds: 5_000, memoryBytes: 512 << 20)
    var seen: [String] = []
    for _ in 0..<3 {
      let (report, verdict) = try runner.call("memo", arguments: Array("[1]".utf8), limits: limits)
      #expect(verdict == .returned)
      #expect(report.scratchWritten == true)
      seen.append(String(decoding: report.output, as: UTF8.self))
    }
    #expect(Set(seen).count == 1 && seen[0].hasSuffix(",false,false]"), "\(seen)")
    #expect(runner.renewals == 2)
    // A call that leaves the directory alone keeps its runner.
    for _ in 0..<2 {
      let (report, _) = try runner.call("memo", arguments: Array("[0]".utf8), limits: limits)
      #expect(report.scratchWritten == nil)
    }
    #expect(runner.renewals == 3)
  }

  /// An output built to take the judge hours (integers that all hash alike, in a set) is a
  /// wrong answer once the judge's patience runs out, and the judge is replaced. The run hung
  /// on it.
  @Test func anOutputTooCostlyToJudgeIsRejectedAndTheJudgeReplaced() throws {
    let scripts = try TrustedScripts.install()
    let launcher = try Launcher.locate()
    let start = {
      let judge = try JudgeSession(
        scripts: scripts, launcher: launcher, checker: .exact, cpu: nil, slot: 0)
      judge.patienceFloor = .seconds(1)
      return judge
    }
    let judge = try start()
    let colliding = (0..<60_000).map { String(UInt128($0) * ((1 << 61) - 1)) }
      .joined(separator: ",")
    let output = Array("{\"$set\":[\(colliding)]}".utf8)
    let started = ContinuousClock.now
    let (accepted, reason) = try judge.check(
      arguments: Array("[1]".utf8), expected: Array("1".utf8), output: output)
    #expect(ContinuousClock.now - started < .seconds(10))
    #expect(!accepted)
    #expect(reason?.hasPrefix("wrong answer: judging this output took over ") == true)
    #expect(judge.isStopped)
    let lazy = LazyJudge(start: start)
    _ = try lazy.check(arguments: Array("[1]".utf8), expected: Array("1".utf8), output: output)
    #expect(
      try lazy.check(
        arguments: Array("[1]".utf8), expected: Array("1".utf8), output: Array("1".utf8))
        == (true, nil))
  }

  /// Control characters from a sample print as escapes: a message could move the cursor over
  /// the verdict and print its own.
  /// A runner that stops answering is ended after the call's wall limit and the margin, and
  /// the next call gets a fresh one: an audit's sample had the kernel send its runner SIGSTOP,
  /// and the harness waited for ever.
  @Test func aStoppedRunnerIsEndedAndReplaced() throws {
    let (runner, problem, root) = try Self.runnerForAProblem()
    defer {
      runner.end()
      try? FileManager.default.removeItem(at: root)
    }
    #expect(
      try runner.load(
        "twice", source: "def \(problem.entryPoint)(n):\n    return 2 * n\n", for: problem) == nil)
    let limits = CallLimits(cpuMilliseconds: 500, wallMilliseconds: 1_000, memoryBytes: 512 << 20)
    runner.replyMargin = .seconds(2)
    let stopped = Self.descendants(of: runner.process.pid)
    #expect(!stopped.isEmpty)
    for process in stopped { kill(process, SIGSTOP) }
    let start = ContinuousClock.now
    #expect(throws: BriskError.self) {
      try runner.call("twice", arguments: Array("[4]".utf8), limits: limits)
    }
    #expect(ContinuousClock.now - start < .seconds(10))
    let (report, verdict) = try runner.call("twice", arguments: Array("[4]".utf8), limits: limits)
    #expect(verdict == .returned)
    #expect(String(decoding: report.output, as: UTF8.self) == "8")
  }

  /// Every process under `pid`, from the kernel's lists of children.
  static func descendants(of pid: pid_t) -> [pid_t] {
    let listed =
      (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    let children = listed.split(separator: " ").compactMap {
      pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return children + children.flatMap { descendants(of: $0) }
  }

  @Test func aSamplesControlCharactersPrintAsEscapes() {
    #expect(
      VisibleText.escaping("oops\r\u{1b}[1A\u{1b}[2Kverdict ok\n\tline\u{7}\u{202e}x")
        == "oops\\x0d\\x1b[1A\\x1b[2Kverdict ok\n\tline\\x07\\u{202e}x")
    #expect(VisibleText.escaping("plain ✓ text") == "plain ✓ text")
  }

  @Test func bytesCompareByContent() {
    let bytes: [UInt8] = [1, 2, 3]
    #expect(bytes.hasSameBytes(as: bytes))
    #expect(bytes.hasSameBytes(as: [1, 2, 3]))
    #expect(![UInt8]().hasSameBytes(as: [0]))
    #expect([UInt8]().hasSameBytes(as: []))
    #expect(!bytes.hasSameBytes(as: [1, 2, 4]))
  }
}
