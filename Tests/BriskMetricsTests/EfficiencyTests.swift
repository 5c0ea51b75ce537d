import BriskMetrics
import BriskTestSupport
import Testing

@Suite(.tags(.small))
struct SampleEfficiencyTests {
  /// Level 0 (weight 0) then three stress levels whose expert times are 1, 2 and 10.
  func levels(_ outcomes: [LevelOutcome]) -> [LevelResult] {
    zip([(0.0, 0.001), (3, 1), (3, 2), (4, 10)], outcomes).map {
      LevelResult(weight: $0.0.0, referenceTime: $0.0.1, outcome: $0.1)
    }
  }

  @Test func matchingTheExpertScoresOne() {
    let result = sampleEfficiency(
      levels: levels([
        .measured(sampleTime: 0.001), .measured(sampleTime: 1), .measured(sampleTime: 2),
        .measured(sampleTime: 10),
      ]),
      alpha: 2)
    #expect(result.passed)
    #expect(result.timeLimit == 20)
    #expect(result.levelEfficiencies.dropFirst() == [1, 1, 1])
    #expect(result.efficiency == 1)
  }

  @Test func efficiencyFollowsENAMELsFormula() {
    // T = 20; level 3: (20 - 15) / (20 - 10) = 0.5; level 1: (20 - 2) / (20 - 1) = 18/19
    let result = sampleEfficiency(
      levels: levels([
        .measured(sampleTime: 0.01), .measured(sampleTime: 2), .measured(sampleTime: 2),
        .measured(sampleTime: 15),
      ]),
      alpha: 2)
    #expect(abs(result.levelEfficiencies[1] - 18.0 / 19.0) < 1e-12)
    #expect(result.levelEfficiencies[2] == 1)
    #expect(result.levelEfficiencies[3] == 0.5)
    let expected: Double = (3.0 * 18.0 / 19.0 + 3.0 + 2.0) / 10.0
    #expect(abs(result.efficiency - expected) < 1e-12)
  }

  @Test func aLimitAtALaterLevelZeroesItAndTheRestButPasses() {
    let result = sampleEfficiency(
      levels: levels([
        .measured(sampleTime: 0.01), .measured(sampleTime: 1), .limitExceeded, .limitExceeded,
      ]),
      alpha: 2)
    #expect(result.passed)
    #expect(result.limitLevel == 2)
    #expect(result.levelEfficiencies[2] == 0 && result.levelEfficiencies[3] == 0)
    #expect(abs(result.efficiency - 0.3) < 1e-12)
  }

  /// As in ENAMEL: a level measured slower than T scores 0 but stops nothing (only a limit,
  /// a call beyond T and the slack, does); the levels after it still count.
  @Test func aLevelSlowerThanTScoresZeroAndTheNextStillCount() {
    let result = sampleEfficiency(
      levels: levels([
        .measured(sampleTime: 25), .measured(sampleTime: 25), .measured(sampleTime: 2),
        .measured(sampleTime: 10),
      ]),
      alpha: 2)
    #expect(result.passed)
    #expect(result.limitLevel == nil)
    #expect(result.levelEfficiencies == [0, 0, 1, 1])
    #expect(abs(result.efficiency - 0.7) < 1e-12)
  }

  @Test func aLimitAtLevelZeroOrAWrongAnswerFails() {
    for outcomes: [LevelOutcome] in [
      [.limitExceeded, .limitExceeded, .limitExceeded, .limitExceeded],
      [.measured(sampleTime: 0.01), .measured(sampleTime: 1), .failed, .limitExceeded],
    ] {
      let result = sampleEfficiency(levels: levels(outcomes), alpha: 2)
      #expect(!result.passed)
      #expect(result.efficiency == 0)
    }
  }
}

@Suite(.tags(.small))
struct PerformanceLevelTests {
  let costs: [Double] = [8, 3, 1]  // slow to fast, relative to the expert

  @Test(arguments: [
    (0.9, 2 as Int?), (1.0, 2), (1.04, 2), (1.2, 1), (3.0, 1), (7.9, 0), (8.3, 0), (9, nil),
  ])
  func matchesTheFastestLevelNotFasterThanTheSample(cost: Double, level: Int?) {
    let match = matchPerformanceLevel(sampleCost: cost, levelCosts: costs, tolerance: 0.05)
    #expect(match.level == level)
  }

  @Test func scores() {
    let match = matchPerformanceLevel(sampleCost: 2, levelCosts: costs, levelScores: [10, 55, 100])
    #expect(match.normalizedScore == 100 * 2.0 / 3.0)
    #expect(match.score == 55)
    let unmatched = matchPerformanceLevel(sampleCost: 20, levelCosts: costs)
    #expect(unmatched.level == nil && unmatched.score == 0 && unmatched.normalizedScore == 0)
    #expect(matchPerformanceLevel(sampleCost: 1, levelCosts: costs).score == 100)
  }
}

@Suite(.tags(.small))
struct BootstrapTests {
  @Test func deterministicAndAroundTheMean() throws {
    let values = (0..<50).map { Double($0 % 7) / 7 }
    let first = try #require(bootstrapMean(values))
    let second = try #require(bootstrapMean(values))
    #expect(first.interval == second.interval)
    #expect(first.interval.low <= first.mean && first.mean <= first.interval.high)
    #expect(first.interval.high - first.interval.low < 0.3)
  }

  /// The exact sign-flip test against hand-counted assignments; the bootstrap's p-value on
  /// the same few differences is what it replaces for few problems.
  @Test func theSignFlipTestIsExactOnFewProblems() throws {
    #expect(pairedSignFlipPValue([0.2]) == 1)
    #expect(pairedSignFlipPValue([0.1, 0.2, 0.3]) == 0.25)  // only +++ and ---
    // |sum| >= 0.4 for 4 of the 8 sign assignments: 0.4, 0.6 and their negations.
    #expect(pairedSignFlipPValue([-0.1, 0.2, 0.3]) == 0.5)
    #expect(pairedSignFlipPValue([0, 0]) == 1)
    #expect(pairedSignFlipPValue([]) == nil)
    #expect(pairedSignFlipPValue(Array(repeating: 0.1, count: 17)) == nil)
    #expect((pairedBootstrapPValue([0.1, 0.2, 0.3]) ?? 1) < 0.01, "what it replaces")
  }

  @Test func aConstantHasAZeroWidthInterval() throws {
    let result = try #require(bootstrapMean([0.4, 0.4, 0.4]))
    #expect(abs(result.interval.low - 0.4) < 1e-12 && abs(result.interval.high - 0.4) < 1e-12)
  }
}

@Suite(.tags(.small))
struct RepetitionPolicyTests {
  let policy = RepetitionPolicy(
    minimum: 3, maximum: 10, targetRelativeError: 0.015, nearThresholdMaximum: 20)

  /// Pairs whose reference always costs 1, so that each pair's ratio is its sample's cost.
  func pairs(_ ratios: [Double]) -> [CostPair] {
    ratios.map { CostPair(sample: $0, reference: 1) }
  }

  @Test func stopsOnceStable() {
    #expect(policy.shouldContinue(pairs: pairs([1.0, 1.0])))
    #expect(!policy.shouldContinue(pairs: pairs([1.0, 1.001, 0.999])))
  }

  @Test func continuesWhileNoisyUpToTheCap() {
    let noisy = [1.0, 1.4, 0.8, 1.2, 0.9]
    #expect(policy.shouldContinue(pairs: pairs(noisy)))
    #expect(!policy.shouldContinue(pairs: pairs(Array(repeating: noisy, count: 2).flatMap { $0 })))
  }

  @Test func nearAThresholdItMeasuresLonger() {
    let ratios = [1.95, 2.05, 2.0, 1.98, 2.02, 2.1, 1.9, 2.0, 2.01, 1.99]
    let estimate = RatioEstimate(pairs: pairs(ratios))
    #expect(!policy.shouldContinue(pairs: pairs(ratios)))
    #expect(policy.shouldContinue(pairs: pairs(ratios), threshold: estimate.ratio * 1.01))
    #expect(!policy.shouldContinue(pairs: pairs(ratios), threshold: 3.0))
  }

  @Test func aTestThatNeedsLessPrecisionStopsSooner() {
    // Relative standard error about 3.3%: over the 1.5% target, under 3.5 times it.
    let noisy = pairs([1.0, 1.1, 0.95, 1.05])
    #expect(policy.shouldContinue(pairs: noisy))
    #expect(!policy.shouldContinue(pairs: noisy, precision: { _ in 3.5 }))
    // A precision under 1 never tightens the target.
    let quiet = pairs([1.0, 1.001, 0.999])
    #expect(!policy.shouldContinue(pairs: quiet, precision: { _ in 0.01 }))
  }

  @Test func aLimitNeedsEvidence() {
    let estimate = RatioEstimate(pairs: pairs([2.1, 2.0, 2.2, 1.9, 2.05]))
    #expect(!policy.clearlyExceeds(estimate, 2.0))
    #expect(policy.clearlyExceeds(estimate, 1.5))
  }
}
