import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// The harness's side of the runner's frames.
@Suite(.tags(.medium))
struct RunnerSessionTests {
  /// A result many times a pipe's 64 KiB arrives whole and in order, on a fresh input and on
  /// a repetition that reuses the input the runner holds.
  @Test func aLargeResultArrivesWhole() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    let problem = try #require(problems.first)
    let runner = try RunnerSession(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate(),
      memoryLimitBytes: 512 << 20, cpu: nil, slot: 0, meter: .cpuTime)
    defer { runner.end() }
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

  @Test func bytesCompareByContent() {
    let bytes: [UInt8] = [1, 2, 3]
    #expect(bytes.hasSameBytes(as: bytes))
    #expect(bytes.hasSameBytes(as: [1, 2, 3]))
    #expect(![UInt8]().hasSameBytes(as: [0]))
    #expect([UInt8]().hasSameBytes(as: []))
    #expect(!bytes.hasSameBytes(as: [1, 2, 4]))
  }
}
