import BriskMetrics
import BriskSandbox
import Foundation

/// Measures each DPE level's cost relative to the expert on the performance test (the top
/// level's heaviest test), interleaved with the expert and repeated until stable.
public struct DPECalibrator: Sendable {
  public let scripts: TrustedScripts
  public let launcher: Launcher
  public var policy = RepetitionPolicy(minimum: 5, maximum: 15, targetRelativeError: 0.01)

  public init(scripts: TrustedScripts, launcher: Launcher) {
    self.scripts = scripts
    self.launcher = launcher
  }

  /// One calibration per level, slow to fast; the expert's is 1 by definition.
  public func calibrate(
    _ problem: Problem, tests: TestSet, cpu: Int?, slot: Int, meter: Meter = .cpuTime
  ) throws -> [DPECalibration] {
    guard let performance = SampleMeasurer.performanceTest(of: tests, problem: problem),
      let test = tests.cases.first(where: {
        $0.level == performance.level && $0.index == performance.index
      })
    else { throw BriskError("\(problem.id): no performance test to calibrate DPE levels on") }
    // Instruction counts are identical across reruns: one pair says it all.
    let policy =
      meter == .instructions
      ? RepetitionPolicy(minimum: 1, maximum: 1, nearThresholdMaximum: 1) : self.policy
    let slowdown = meter == .instructions ? 100.0 : 1
    func runner() throws -> RunnerSession {
      try RunnerSession(
        scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
        slot: slot, meter: meter)
    }
    func cost(_ report: CallReport) -> Double {
      Double(meter == .instructions ? (report.instructions ?? 0) : report.cpuNanoseconds)
    }
    let expert = try runner()
    _ = try expert.load("expert", source: problem.reference.source, for: problem)
    let limits = CallLimits(
      cpuMilliseconds: Int(problem.timeout * 1000 * slowdown), memoryBytes: problem.memoryBytes)
    return try problem.performanceLevels.map { level in
      let file = level.solution.path
      if file == "reference.py" {
        return DPECalibration(file: file, costRatio: 1, relativeError: 0, score: level.score)
      }
      let candidate = try runner()
      if let message = try candidate.load("level", source: level.solution.source, for: problem) {
        throw BriskError.problem("\(problem.directory)/\(file)", "does not compile:\n\(message)")
      }
      var pairs: [CostPair] = []
      repeat {
        let (reference, referenceVerdict) = try expert.call(
          "expert", arguments: test.input, limits: limits)
        let (sample, verdict) = try candidate.call("level", arguments: test.input, limits: limits)
        guard referenceVerdict == .returned, verdict == .returned else {
          throw BriskError.problem(
            "\(problem.directory)/\(file)",
            "failed on the performance test (level \(test.level), case \(test.index)): "
              + "\(verdict == .returned ? referenceVerdict.name : verdict.name)")
        }
        pairs.append(CostPair(sample: cost(sample), reference: max(cost(reference), 1)))
      } while policy.shouldContinue(pairs: pairs)
      let estimate = RatioEstimate(pairs: pairs)
      return DPECalibration(
        file: file, costRatio: estimate.ratio,
        relativeError: estimate.relativeError.isFinite ? estimate.relativeError : 0,
        score: level.score)
    }
  }
}
