import BriskTestSupport
import Testing

@testable import Brisk

/// A new run that starts beside an unfinished one of the same submission says why the
/// unfinished one was not taken up (it started over without a word).
@Suite(.tags(.small))
struct RunMismatchTests {
  static let machine = MachineFingerprint(
    cpuModel: "EPYC", cores: 2, kernel: "6.1", pythonVersion: "Python 3.11.2", briskVersion: "0.1.0"
  )
  static let start = RunMismatch.Start(
    machine: machine,
    configuration: #"{"signal":"cpu_time","repetitions":{"minimum":3,"maximum":12},"runner":"ab"}"#,
    fresh: false, versions: ["p1": "v1", "p2": "v1"])

  @Test func theSameStartHasNoReason() {
    #expect(RunMismatch(earlier: Self.start, now: Self.start).reasons.isEmpty)
  }

  @Test func eachDifferenceIsNamed() {
    var now = Self.start
    now.machine?.cores = 1
    now.configuration =
      #"{"runner":"cd","signal":"cpu_time","repetitions":{"maximum":12,"minimum":3}}"#
    now.versions = ["p1": "v2", "p2": "v1", "p3": "v1"]
    now.fresh = true
    #expect(
      RunMismatch(earlier: Self.start, now: now).reasons == [
        "it was not a --fresh run (the command without --fresh takes it up)",
        "this machine differs from the one it started on (CPUs 1, was 2)",
        "its measurement settings differ (runner)",
        "2 problems changed or scored only in one of the two (p1, p3)",
      ])
    var fresh = Self.start
    fresh.fresh = true
    #expect(
      RunMismatch(earlier: fresh, now: Self.start).reasons == [
        "it was a --fresh run (add --fresh to take it up)"
      ])
  }
}
