import BriskMetrics
import BriskTestSupport
import Testing

@testable import Brisk

@Suite(.tags(.small))
struct SecondLookTests {
  /// A level-1 test set whose cases have these baseline times.
  func tests(baselines: [Double]) -> TestSet {
    TestSet(
      problemID: "p", problemVersion: "1",
      cases: baselines.enumerated().map { index, baseline in
        TestCase(
          level: 1, index: index, seed: 0, input: [], inputHash: "", expected: [],
          expectedHash: "", baselineTime: baseline)
      })
  }

  /// A passed test measured with these (sample, reference) costs.
  func measured(_ index: Int, _ pairs: [(Double, Double)]) -> MeasuredTest {
    let costs = pairs.map { CostPair(sample: $0.0, reference: $0.1) }
    func call(_ cost: Double) -> CallMeasurement {
      CallMeasurement(cpu: cost, wall: cost, maxRSSKilobytes: 0, instructions: nil)
    }
    let estimate = RatioEstimate(pairs: costs)
    let reference = fastHalfMean(costs.map(\.reference)) ?? 0
    return MeasuredTest(
      level: 1, index: index, verdict: .passed, sample: costs.map { call($0.sample) },
      reference: costs.map { call($0.reference) }, ratio: estimate, referenceTime: reference,
      sampleTime: estimate.ratio * reference, pairs: costs)
  }

  func steady(_ index: Int, ratio: Double) -> MeasuredTest {
    measured(index, Array(repeating: (ratio * 1e-4, 1e-4), count: 3))
  }

  @Test func theDecidingTestIsLookedAtAgainOnlyWhenItStandsOut() {
    let set = tests(baselines: [1e-4, 1e-4, 1e-4, 1e-4])
    let burst = [
      steady(0, ratio: 1.10), steady(1, ratio: 1.12), steady(2, ratio: 1.63),
      steady(3, ratio: 1.15),
    ]
    #expect(SecondLook.target(level: 1, of: burst, tests: set) == 2)
    let even = [
      steady(0, ratio: 1.10), steady(1, ratio: 1.12), steady(2, ratio: 1.30),
      steady(3, ratio: 1.15),
    ]
    #expect(SecondLook.target(level: 1, of: even, tests: set) == nil)  // 1.30 < 1.2 x 1.135
    // The deciding test is the one with the largest time, ratio x baseline: a standout ratio
    // on a light test decides nothing.
    let light = tests(baselines: [1e-4, 1e-4, 1e-5, 3e-4])
    #expect(SecondLook.target(level: 1, of: burst, tests: light) == nil)
  }

  @Test func onlyACompletedLevelOfPassedTestsGetsASecondLook() {
    let set = tests(baselines: [1e-4, 1e-4, 1e-4])
    let level = [steady(0, ratio: 1.0), steady(1, ratio: 1.0), steady(2, ratio: 2.0)]
    #expect(SecondLook.target(level: 1, of: level, tests: set) == 2)
    #expect(SecondLook.target(level: 1, of: Array(level.prefix(2)), tests: set) == nil)
    var failed = level
    failed[0].verdict = .wrongAnswer("no")
    #expect(SecondLook.target(level: 1, of: failed, tests: set) == nil)
    #expect(SecondLook.target(level: 2, of: level, tests: set) == nil)
  }

  @Test func aBurstInTheFirstBatchLeavesTheMergedRatio() throws {
    // Three pairs whose sample calls a burst slowed by 50%, then a clean batch at 1.1.
    let burst = measured(2, [(1.65e-4, 1e-4), (1.62e-4, 1.01e-4), (1.66e-4, 0.99e-4)])
    let clean = measured(2, [(1.10e-4, 1e-4), (1.12e-4, 1.02e-4), (1.09e-4, 0.99e-4)])
    let merged = SecondLook.merged(burst, clean)
    #expect(merged.pairs.count == 6 && merged.sample.count == 6 && merged.reference.count == 6)
    let ratio = try #require(merged.ratio?.ratio)
    #expect(abs(ratio - 1.1) < 0.02, "\(ratio)")
    #expect(abs((merged.sampleTime ?? 0) - ratio * (merged.referenceTime ?? 0)) < 1e-12)
    // A sample slower on that input in truth measures the same again.
    let slow = measured(2, [(1.60e-4, 1e-4), (1.63e-4, 1.01e-4), (1.61e-4, 1e-4)])
    let confirmed = try #require(SecondLook.merged(burst, slow).ratio?.ratio)
    #expect(abs(confirmed - 1.6) < 0.03, "\(confirmed)")
  }
}
