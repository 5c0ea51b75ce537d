import BriskMetrics
import Foundation

/// The measurement of one sample against the expert on every test of one problem.
public struct SampleMeasurement: Sendable, Equatable {
  public var tests: [MeasuredTest]
  /// Per level, as the efficiency metric takes them.
  public var levels: [LevelResult]
  public var efficiency: SampleEfficiency
  /// The first test that failed the sample, or `.passed`.
  public var verdict: TestVerdict
  /// The sample's cost relative to the expert on the performance test (the top level's
  /// heaviest test), for DPE; nil when it did not complete that test.
  public var performance: RatioEstimate?
  /// The DPE level the sample matched when measured against the levels themselves.
  public var matchedLevel: Int?
  /// Whether `matchedLevel` comes from that direct comparison.
  public var matchedDirectly = false
  /// The sample was killed on the performance test even with room up to 1.5 times the
  /// slowest DPE level: slower than every level, it matches none.
  public var slowerThanEveryLevel = false

  public var performanceRatio: Double? { performance?.ratio }
}

/// Measures a sample test by test, the expert's and the sample's calls interleaved
/// (expert, sample, expert, sample, ...) so that the host's slow drift cancels in their ratio.
/// Repetition is adaptive; a time limit is re-measured before it becomes a verdict.
public struct SampleMeasurer {
  public var problem: Problem
  public var tests: TestSet
  public var policy: RepetitionPolicy
  /// How much slower than native the meter runs calls (valgrind: up to 100x); scales caps.
  public var slowdown: Double = 1
  /// Consecutive limit hits that make a limit verdict.
  public var limitConfirmations = 3
  /// Under the instruction meter an expert's count on a test is exact, so it is the test's
  /// time itself: T and every level's expert time come from this run's counts rather than from
  /// the CPU times stored when the tests were made, which differ from one store to another.
  public var countsInstructions = false
  /// The slowest DPE level's cost relative to the expert, when the problem has levels to
  /// match against: the performance test is then run to completion up to 1.5 times that cost,
  /// beyond the efficiency limit, so that a slow sample still finds its level.
  public var slowestLevelRatio: Double?
  let referenceRunner: RunnerSession
  let sampleRunner: RunnerSession
  let judge: LazyJudge
  /// The solution names loaded in each runner.
  let referenceName: String
  let sampleName: String
  /// A runner holding the problem's DPE levels but the expert, and their stored calibration:
  /// when given, the sample is matched to a level by measuring it against the levels.
  var levels: (runner: RunnerSession, names: [String], calibration: [DPECalibration])?

  public init(
    problem: Problem, tests: TestSet, referenceRunner: RunnerSession, referenceName: String,
    sampleRunner: RunnerSession, sampleName: String, judge: LazyJudge,
    policy: RepetitionPolicy = RepetitionPolicy()
  ) {
    self.problem = problem
    self.tests = tests
    self.referenceRunner = referenceRunner
    self.referenceName = referenceName
    self.sampleRunner = sampleRunner
    self.sampleName = sampleName
    self.judge = judge
    self.policy = policy
  }

  /// The test whose expert time is the largest on the top level: the performance-exercising
  /// input DPE compares costs on.
  public static func performanceTest(of tests: TestSet, problem: Problem) -> (
    level: Int, index: Int
  )? {
    tests.cases(level: problem.performanceTestLevel).max { $0.baselineTime < $1.baselineTime }
      .map { ($0.level, $0.index) }
  }

  /// The baseline time limit, from the expert's times when the tests were made.
  var baselineLimit: Double {
    let weighted = tests.cases.filter { problem.levels[$0.level].weight > 0 }
    return problem.alpha * (weighted.map(\.baselineTime).max() ?? 0)
  }

  /// Beyond this a call is a time limit (a level merely slower than T scores 0 on it).
  var verdictLimit: Double { baselineLimit + problem.limitSlack }

  /// The CPU cap of one sample call: far enough above the limit that a kill is always a time
  /// limit, never so far that a runaway wastes the run. On a stress test (`stress`) the verdict
  /// comes from the call's ratio to the expert, and the cap only bounds what a call far beyond
  /// the limit costs: twice the verdict limit (at least 20 ms). A call stopped there is beyond
  /// the limit by more than noise stretches a CPU time, and three stops in a row make the
  /// verdict. With four times the baseline limit and 100 ms at least, such calls took a quarter
  /// of the measured time on ENAMEL's problems: a sample three times too slow returned, and
  /// ran two full batches of pairs to confirm it (BENCHMARKS.md). Not under the instruction
  /// meter: there the verdict must not depend on a CPU time (valgrind's varies from run to
  /// run), and a stopped call has no count.
  func cap(drift: Double, test: TestCase? = nil, capRatio: Double? = nil, stress: Bool = false)
    -> CallLimits
  {
    guard problem.measuresEfficiency else {
      // Correctness only: the problem's own timeout, like the official evaluators.
      return CallLimits(
        cpuMilliseconds: Int(problem.timeout * slowdown * 1000), memoryBytes: problem.memoryBytes)
    }
    let base =
      stress && !countsInstructions
      ? max(2 * verdictLimit * drift, 0.02 * slowdown)
      : max(4 * baselineLimit * drift, 0.1 * slowdown)
    var seconds = min(base, problem.timeout * slowdown)
    if let test, let capRatio {
      seconds = min(max(seconds, capRatio * test.baselineTime * drift), problem.timeout * slowdown)
    }
    return CallLimits(
      cpuMilliseconds: Int((seconds * 1000).rounded(.up)), memoryBytes: problem.memoryBytes)
  }

  var referenceLimits: CallLimits {
    CallLimits(
      cpuMilliseconds: Int(problem.timeout * slowdown * 1000), memoryBytes: problem.memoryBytes)
  }

  public func measure() throws -> SampleMeasurement {
    var measured: [MeasuredTest] = []
    var failure: TestVerdict?
    var limitLevel: Int?
    levels: for level in problem.levels.indices {
      for test in tests.cases(level: level) {
        let result =
          problem.levels[level].weight == 0 ? try correctness(test) : try paired(test)
        measured.append(result)
        if result.verdict.isLimit {
          limitLevel = level
          break levels
        }
        if result.verdict != .passed {
          failure = result.verdict
          break levels
        }
      }
      try takeSecondLook(at: level, in: &measured)
    }
    var extraCounts: [Int: [Int: Double]] = [:]
    if countsInstructions, failure == nil, let limitLevel {
      extraCounts = try expertCounts(from: limitLevel, besides: measured)
    }
    var summary = summarize(
      measured, failure: failure, limitLevel: limitLevel, extraCounts: extraCounts)
    // A sample stopped by a limit before it completed the performance test is measured on it
    // once more, for DPE only, with room up to the slowest level.
    if summary.performanceRatio == nil, failure == nil, let slowest = slowestLevelRatio,
      let performance = Self.performanceTest(of: tests, problem: problem),
      let test = tests.cases.first(where: {
        $0.level == performance.level && $0.index == performance.index
      })
    {
      let extra = try paired(test, capRatio: 1.5 * slowest)
      if !extra.sample.isEmpty, extra.verdict == .passed || extra.verdict == .timeLimit {
        summary.performance = extra.ratio
        summary.slowerThanEveryLevel = extra.ratio == nil
      }
    }
    if let levels, let performance = summary.performance, failure == nil,
      let place = Self.performanceTest(of: tests, problem: problem),
      let test = tests.cases.first(where: { $0.level == place.level && $0.index == place.index })
    {
      // Generous caps: the host may run slower than when the tests were made.
      let matcher = LevelMatcher(
        sampleRunner: sampleRunner, sampleName: sampleName, levelsRunner: levels.runner,
        levelNames: levels.names, expertRunner: referenceRunner, expertName: referenceName,
        test: test,
        limits: cap(drift: 2 * slowdown, test: test, capRatio: 1.5 * (slowestLevelRatio ?? 1)))
      summary.matchedLevel = try matcher.match(
        expertRatio: performance, calibration: levels.calibration)
      summary.matchedDirectly = true
    }
    return summary
  }

  /// Measures a completed level's deciding test once more when it stands out (`SecondLook`),
  /// and takes its ratio from both batches. Not under the instruction meter, whose counts do
  /// not vary.
  private func takeSecondLook(at level: Int, in measured: inout [MeasuredTest]) throws {
    guard !countsInstructions, problem.levels[level].weight > 0,
      let position = SecondLook.target(level: level, of: measured, tests: tests),
      let test = tests.cases.first(where: {
        $0.level == level && $0.index == measured[position].index
      })
    else { return }
    let again = try paired(test)
    guard again.verdict == .passed, !again.pairs.isEmpty else { return }
    measured[position] = SecondLook.merged(measured[position], again)
  }

  /// The expert's counts on the weighted tests from `level` on that `measured` lacks (a sample
  /// stopped by a limit there): T comes from every weighted level, whatever the sample reached.
  private func expertCounts(from level: Int, besides measured: [MeasuredTest]) throws
    -> [Int: [Int: Double]]
  {
    var counts: [Int: [Int: Double]] = [:]
    for test in tests.cases where test.level >= level && problem.levels[test.level].weight > 0 {
      let done = measured.contains {
        $0.level == test.level && $0.index == test.index && $0.referenceTime != nil
      }
      if done { continue }
      let (report, verdict) = try referenceRunner.call(
        referenceName, arguments: test.input, limits: referenceLimits)
      if verdict == .returned, let count = report.instructions {
        counts[test.level, default: [:]][test.index] = Double(count)
      }
    }
    return counts
  }

  /// Under the instruction meter, why a call's count cannot be its work: nil when it can.
  /// callgrind counts only inside the runner's counted call, and the ways a sample was
  /// seen to work outside it (client requests, threads, a late answer) are closed in the
  /// runner (Sandbox/Runner/brisk_calls.c). This is the backstop for a way not yet seen: its
  /// CPU time, which the kernel keeps, still shows the work. A call that took over 50 ms of
  /// CPU at more than 50 times the expert's CPU per counted instruction on the same test was
  /// not counted whole (valgrind's cost per instruction varies far less between programs).
  static func uncountedWork(sample: CallMeasurement, expert: CallMeasurement) -> String? {
    guard let counted = sample.instructions, let expertCount = expert.instructions,
      counted > 0, expertCount > 0, expert.cpu > 0, sample.cpu > 0.05
    else { return nil }
    let factor = (sample.cpu / Double(counted)) / (expert.cpu / Double(expertCount))
    guard factor > 50 else { return nil }
    return String(
      format: "counted %lld instructions in %.0f ms of CPU, %.0f times the expert's CPU per "
        + "instruction on this test: the count does not hold the call's work",
      counted, sample.cpu * 1000, factor)
  }

  /// Level 0: one sample call (two when the first hit a limit); the expert is timed only when
  /// that call comes near the limit.
  private func correctness(_ test: TestCase) throws -> MeasuredTest {
    var result = MeasuredTest(
      level: test.level, index: test.index, verdict: .passed, sample: [], reference: [])
    for attempt in 0..<2 {
      let limits = cap(drift: 1)
      let (report, verdict) = try sampleRunner.call(
        sampleName, arguments: test.input, limits: limits)
      result.sample.append(Self.measurement(report))
      result.verdict = try judged(verdict, report: report, test: test)
      result.limitReason = Self.limitReason(result.verdict, report: report, limits: limits)
      if !(result.verdict.isLimit && attempt == 0) { break }
    }
    result.sampleTime = result.sample.last?.cost
    if result.verdict == .passed, problem.measuresEfficiency,
      let time = result.sample.last?.cpu, time / slowdown > 0.5 * verdictLimit
    {
      // One call near the limit is no evidence: a burst of load can stretch a
      // microsecond call tenfold. Measure it against the expert, as stress tests are.
      return try paired(test)
    }
    return result
  }

  /// A stress test: expert and sample interleaved until the ratio is stable.
  private func paired(_ test: TestCase, capRatio: Double? = nil) throws -> MeasuredTest {
    var result = MeasuredTest(
      level: test.level, index: test.index, verdict: .passed, sample: [], reference: [])
    var pairs: [CostPair] = []
    var firstOutput: [UInt8]?
    var limitHits = 0
    // The limit in ratio units: the baseline limit (and slack) over this test's baseline time.
    let threshold = verdictLimit / max(test.baselineTime, 1e-9)
    // A level's efficiency is (T - t) / (T - r): a relative error e in this test's time t
    // moves it by at most e t / (T - r). So a test far lighter than the room its level has
    // needs less precision than the target, which is set for t = T - r. The performance test
    // keeps the full target: DPE compares its ratio directly.
    let levelReference = tests.cases(level: test.level).map(\.baselineTime).max() ?? 0
    let room = baselineLimit - levelReference
    let performance = Self.performanceTest(of: tests, problem: problem)
    let isPerformanceTest = performance?.level == test.level && performance?.index == test.index
    func precision(_ estimate: RatioEstimate) -> Double {
      let time = estimate.ratio * test.baselineTime
      return isPerformanceTest || room <= 0 || time <= 0 ? 1 : room / time
    }
    // Where the batch confirming a limit begins, once the first batch clearly exceeded it.
    var confirmationStart: Int?
    var drift = 1.0
    var expertFailure: String?
    /// The expert's call; nil (with the reason kept) when it did not return.
    func measureReference() throws -> CallMeasurement? {
      let (report, verdict) = try referenceRunner.call(
        referenceName, arguments: test.input, limits: referenceLimits)
      guard verdict == .returned else {
        expertFailure =
          "the expert failed on level \(test.level), case \(test.index): \(verdict.name)"
        return nil
      }
      let reference = Self.measurement(report)
      drift = test.baselineTime > 0 ? reference.cpu / test.baselineTime : 1
      return reference
    }
    while true {
      // Pairs alternate their order (expert first, then sample first: ABBA), so that whatever
      // the second call of a pair gains from the first (warm caches and branch predictors,
      // the same interpreter paths just taken) falls on both sides equally.
      let sampleFirst = result.reference.count % 2 == 1
      let expertFirst = sampleFirst ? nil : try measureReference()
      if !sampleFirst && expertFirst == nil { break }  // never the sample's fault: see below
      let limits = cap(drift: drift, test: test, capRatio: capRatio, stress: true)
      let (report, verdict) = try sampleRunner.call(
        sampleName, arguments: test.input, limits: limits)
      guard let reference = try expertFirst ?? measureReference() else { break }
      result.reference.append(reference)
      let sample = Self.measurement(report)
      result.sample.append(sample)
      if verdict == .returned {
        if !(firstOutput?.hasSameBytes(as: report.output) ?? false) {
          let judgement = try judged(verdict, report: report, test: test)
          if judgement != .passed {
            result.verdict = judgement
            return result
          }
          firstOutput = report.output
        }
        if countsInstructions, let reason = Self.uncountedWork(sample: sample, expert: reference) {
          result.verdict = .securityViolation(reason)
          return result
        }
        pairs.append(CostPair(sample: sample.cost, reference: reference.cost))
      } else {
        let judgement = try judged(verdict, report: report, test: test)
        guard judgement.isLimit else {
          result.verdict = judgement
          result.limitReason = Self.limitReason(judgement, report: report, limits: limits)
          return result
        }
        // A limit must be seen three times in a row before it is a verdict: a slow plateau
        // of the host can stretch one call.
        limitHits += 1
        if limitHits >= limitConfirmations {
          result.verdict = judgement
          result.limitReason = Self.limitReason(judgement, report: report, limits: limits)
          return result
        }
        continue
      }
      limitHits = 0
      if let start = confirmationStart {
        // Confirming a limit: a fresh batch, then stop at the near-threshold cap.
        let fresh = pairs.count - start
        if fresh >= policy.minimum
          && (policy.clearlyExceeds(RatioEstimate(pairs: Array(pairs[start...])), threshold)
            || pairs.count >= policy.nearThresholdMaximum)
        {
          break
        }
        continue
      }
      if !policy.shouldContinue(pairs: pairs, threshold: threshold, precision: precision) {
        // A few pairs can all be hit by the same burst of load; a limit verdict needs an
        // independent batch that agrees.
        guard policy.clearlyExceeds(RatioEstimate(pairs: pairs), threshold) else { break }
        confirmationStart = pairs.count
      }
    }
    if let expertFailure {
      result.verdict = .infrastructure(expertFailure)
      return result
    }
    let estimate = result.summarize(pairs: pairs)
    // Returned, but clearly beyond the limit, on both batches: a time limit, as when
    // ENAMEL's timer fires.
    if let start = confirmationStart, policy.clearlyExceeds(estimate, threshold),
      policy.clearlyExceeds(RatioEstimate(pairs: Array(pairs[start...])), threshold)
    {
      result.verdict = .timeLimit
      result.limitReason =
        "returned every time, but clearly beyond the time limit T (plus slack) on two "
        + "independent batches of repetitions"
    }
    return result
  }

  /// A call's verdict, with a returned value judged against the expected answer.
  private func judged(_ verdict: CallVerdict, report: CallReport, test: TestCase) throws
    -> TestVerdict
  {
    switch verdict {
    case .returned:
      if report.output.hasSameBytes(as: test.expected) { return .passed }
      let (accepted, reason) = try judge.check(
        arguments: test.input, expected: test.expected, output: report.output)
      return accepted ? .passed : .wrongAnswer(reason ?? "wrong answer")
    case .runtimeError(let message):
      if report.frame == "V" && problem.overflowIsLimit && test.level > 0 { return .overflow }
      return .runtimeError(message)
    case .timeLimit: return .timeLimit
    case .memoryLimit: return .memoryLimit
    case .outputLimit: return .outputLimit
    case .securityViolation(let call): return .securityViolation(call)
    case .notStarted(let message): return .infrastructure(message)
    }
  }

  static func measurement(_ report: CallReport) -> CallMeasurement {
    CallMeasurement(
      cpu: Double(report.cpuNanoseconds) / 1e9, wall: Double(report.wallNanoseconds) / 1e9,
      maxRSSKilobytes: report.maxRSSKilobytes, instructions: report.instructions)
  }

  /// Levels for the metric, in this run's time units: every test's time is its baseline (the
  /// expert's time when the tests were made) scaled by the run's drift, the median over the
  /// measured tests of the expert's time against its baseline, and the sample's time is its
  /// measured ratio to the expert on that. A burst of load on one test's calls then moves
  /// neither T nor a level's reference time: the ratios already cancel it, and efficiency,
  /// which only compares times, depends on the ratios alone.
  ///
  /// Under the instruction meter a test's time is the expert's count on it instead (see
  /// `countsInstructions`); `extraCounts` holds, by level and case, the counts of tests the
  /// sample did not reach.
  private func summarize(
    _ measured: [MeasuredTest], failure: TestVerdict?, limitLevel: Int?,
    extraCounts: [Int: [Int: Double]] = [:]
  ) -> SampleMeasurement {
    func baselineTime(of test: MeasuredTest) -> Double? {
      tests.cases.first { $0.level == test.level && $0.index == test.index }
        .map(\.baselineTime).flatMap { $0 > 0 ? $0 : nil }
    }
    func expertCount(level: Int, index: Int) -> Double? {
      guard countsInstructions else { return nil }
      if let count = extraCounts[level]?[index] { return count }
      return measured.first { $0.level == level && $0.index == index }?.referenceTime
        .flatMap { $0 > 0 ? $0 : nil }
    }
    let drifts = measured.compactMap { test -> Double? in
      guard let time = test.referenceTime, let baseline = baselineTime(of: test) else { return nil }
      return time / baseline
    }
    let drift = median(drifts) ?? 1
    var results: [LevelResult] = []
    // Under the instruction meter a weighted level without counts, in a sample that never had
    // the expert counted (it failed first), would put seconds into T: T is then left unknown.
    var secondsAmongCounts = false
    for (index, level) in problem.levels.enumerated() {
      let here = measured.filter { $0.level == index }
      let complete = here.count == tests.cases(level: index).count && !here.isEmpty
      let counts = tests.cases(level: index).map { expertCount(level: $0.level, index: $0.index) }
      let counted = !counts.isEmpty && counts.allSatisfy { $0 != nil }
      if countsInstructions && !counted && drifts.isEmpty && level.weight > 0 {
        secondsAmongCounts = true
      }
      let referenceTime =
        counted
        ? counts.compactMap { $0 }.max() ?? 0
        : (tests.cases(level: index).map(\.baselineTime).max() ?? 0) * drift
      let outcome: LevelOutcome
      if let failure, here.contains(where: { $0.verdict == failure }) {
        outcome = .failed
      } else if limitLevel == index {
        outcome = .limitExceeded
      } else if complete {
        let times = here.compactMap { test -> Double? in
          guard let ratio = test.ratio?.ratio, let baseline = baselineTime(of: test) else {
            return test.sampleTime  // a single call (a correctness level): its own time
          }
          if let count = expertCount(level: test.level, index: test.index) { return ratio * count }
          return ratio * baseline * drift
        }
        outcome = .measured(sampleTime: times.max() ?? 0)
      } else {
        outcome = .limitExceeded  // not reached: an earlier level ended the sample
      }
      results.append(
        LevelResult(weight: level.weight, referenceTime: referenceTime, outcome: outcome))
    }
    var efficiency = sampleEfficiency(levels: results, alpha: problem.alpha)
    if secondsAmongCounts { efficiency.timeLimit = 0 }
    if failure != nil {
      efficiency = SampleEfficiency(
        passed: false, levelEfficiencies: results.map { _ in 0 }, efficiency: 0,
        timeLimit: efficiency.timeLimit, limitLevel: nil)
    }
    let performance = Self.performanceTest(of: tests, problem: problem)
    // A performance test beyond the limit still gives a cost to match DPE levels with.
    let performanceEstimate = measured.first {
      $0.level == performance?.level && $0.index == performance?.index
        && ($0.verdict == .passed || $0.verdict == .timeLimit)
    }?.ratio
    let verdict: TestVerdict
    if let failure {
      verdict = failure
    } else if !efficiency.passed {
      verdict = measured.first { $0.verdict.isLimit }?.verdict ?? .timeLimit
    } else {
      verdict = .passed  // a limit past level 0 zeroes levels but the sample passes
    }
    return SampleMeasurement(
      tests: measured, levels: results, efficiency: efficiency, verdict: verdict,
      performance: performanceEstimate)
  }
}
