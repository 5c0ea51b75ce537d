import BriskTestSupport
import Testing

@testable import Brisk

/// A limit verdict says which limit stopped the call: a sleeping sample read as a time limit
/// with 566 µs of CPU, and a 10 GiB allocation as a memory limit with a 9 MiB peak.
@Suite(.tags(.small))
struct LimitReasonTests {
  func report(killed: String? = nil, cpu: Int64 = 566_000, refused: Int64? = nil) -> CallReport {
    CallReport(
      started: true, frame: nil, message: nil, killed: killed, cpuNanoseconds: cpu,
      wallNanoseconds: 3_000_000_000, exitCode: nil, signal: 9, maxRSSKilobytes: 9000,
      violation: nil, memoryRefused: refused, mutated: nil, instructions: nil,
      inputDecoded: true)
  }

  let limits = CallLimits(cpuMilliseconds: 100, wallMilliseconds: 3000, memoryBytes: 1 << 30)

  @Test func eachLimitIsNamed() {
    #expect(
      SampleMeasurer.limitReason(.timeLimit, report: report(killed: "wall"), limits: limits)
        == "stopped by the wall-clock limit (3.0 s) after 0.001 s of CPU: the call waited "
        + "(sleep, blocking reads) rather than computed")
    #expect(
      SampleMeasurer.limitReason(.timeLimit, report: report(killed: "cpu"), limits: limits)?
        .hasPrefix("stopped at its CPU-time cap, 0.1 s") == true)
    #expect(
      SampleMeasurer.limitReason(
        .memoryLimit, report: report(refused: 10 << 30), limits: limits)?.hasPrefix(
          "ran out of memory under the 1024 MiB address-space limit: an allocation of 10240 MiB "
            + "was refused") == true)
    #expect(
      SampleMeasurer.limitReason(.outputLimit, report: report(killed: "output"), limits: limits)?
        .contains("a print inside a loop?") == true)
    #expect(SampleMeasurer.limitReason(.passed, report: report(), limits: limits) == nil)
  }

  /// What explain shows for a test: the verdict's own message, else the limit's reason.
  @Test func aTestsDetailIsItsLimitsReason() {
    var test = MeasuredTest(level: 1, index: 0, verdict: .timeLimit, sample: [], reference: [])
    test.limitReason = "stopped"
    #expect(test.detail == "stopped")
    test.verdict = .runtimeError("boom")
    #expect(test.detail == "boom")
  }
}
