import BriskTestSupport
import Testing

@testable import Brisk

/// Under the instruction meter, a call whose CPU time shows far more work than its count is
/// refused: the backstop for a way round the count (a sample that switched valgrind's
/// counting off, before the runner closed that way, scored 1.41 doing three times the
/// expert's work).
@Suite(.tags(.small))
struct UncountedWorkTests {
  static func call(cpu: Double, instructions: Int64) -> CallMeasurement {
    CallMeasurement(cpu: cpu, wall: cpu, maxRSSKilobytes: 0, instructions: instructions)
  }

  @Test func aCountFarBelowItsCPUTimeIsRefused() {
    let expert = Self.call(cpu: 0.3, instructions: 583_770_000)
    let reason = SampleMeasurer.uncountedWork(
      sample: Self.call(cpu: 0.9, instructions: 55_800), expert: expert)
    #expect(reason?.hasPrefix("counted 55800 instructions in 900 ms of CPU, ") == true)
    #expect(reason?.hasSuffix("the count does not hold the call's work") == true)
    // Honest work, three times the expert's; and a short call, whatever its count.
    #expect(
      SampleMeasurer.uncountedWork(
        sample: Self.call(cpu: 0.9, instructions: 1_750_000_000), expert: expert) == nil)
    #expect(
      SampleMeasurer.uncountedWork(sample: Self.call(cpu: 0.04, instructions: 10), expert: expert)
        == nil)
  }
}
