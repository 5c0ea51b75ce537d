import BriskMetrics

/// Places a sample among a problem's DPE levels by measuring it against them directly, on the
/// performance test, interleaved (level, sample, level, sample, ...). A ratio against the
/// expert measured at another moment is not enough: how much slower one algorithm is than
/// another moves with the host's state (the other core's load on shared caches), so the
/// stored calibration only says where to start looking.
struct LevelMatcher {
  let sampleRunner: RunnerSession
  let sampleName: String
  /// A runner with every level but the expert loaded, as `levelNames[index]`.
  let levelsRunner: RunnerSession
  let levelNames: [String]
  /// The expert's runner, for a second look at the top level.
  let expertRunner: RunnerSession
  let expertName: String
  let test: TestCase
  let limits: CallLimits
  /// Half the measurer's default target: a match compares this ratio directly with the
  /// levels' calibrated costs, as DPE's performance test does.
  var policy = RepetitionPolicy(minimum: 3, maximum: 8, targetRelativeError: 0.015)
  /// The smallest relative margin within which a sample counts as not slower than a level.
  var tolerance = 0.05

  /// The fastest level whose cost is not below the sample's, or nil when the sample is slower
  /// than every level. `expertRatio` is the sample's cost over the expert's (the last level);
  /// `calibration` holds every level's stored cost over the expert's, slow to fast.
  func match(expertRatio: RatioEstimate, calibration: [DPECalibration]) throws -> Int? {
    let last = calibration.count - 1
    guard last >= 1 else { return nil }
    func notSlower(than level: Int) throws -> Bool? {
      if level == last {
        if expertRatio.ratio <= 1 + margin(expertRatio) { return true }
        // Just above the margin, the scoring's own pairs may have caught a slow moment of
        // the host (the expert's own code read 1.06 once in CI): measure against the expert
        // again, as every other level is measured, before placing the sample lower.
        guard expertRatio.ratio <= 1 + 2 * margin(expertRatio) else { return false }
        guard let estimate = try compare(runner: expertRunner, name: expertName) else {
          return nil
        }
        return estimate.ratio <= 1 + margin(estimate)
      }
      guard let estimate = try compare(runner: levelsRunner, name: levelNames[level]) else {
        return nil
      }
      return estimate.ratio <= 1 + margin(estimate)
    }
    // Start at the level the stored calibration suggests; walk towards slower levels while
    // the sample is slower than the level, else towards faster ones while it keeps up.
    var level =
      calibration.indices.last { calibration[$0].costRatio * 1.05 >= expertRatio.ratio } ?? -1
    var movedDown = false
    while level >= 0 {
      guard let fits = try notSlower(than: level) else { return nil }
      if fits { break }
      level -= 1
      movedDown = true
    }
    while !movedDown && level < last {
      guard let fits = try notSlower(than: level + 1), fits else { break }
      level += 1
    }
    return level >= 0 ? level : nil
  }

  func margin(_ estimate: RatioEstimate) -> Double {
    max(tolerance, 3 * (estimate.relativeError.isFinite ? estimate.relativeError : 0))
  }

  /// The sample's cost over a level's (`name` in `runner`), measured in pairs; nil when either
  /// call fails.
  func compare(runner: RunnerSession, name: String) throws -> RatioEstimate? {
    var pairs: [CostPair] = []
    repeat {
      let (reference, referenceVerdict) = try runner.call(
        name, arguments: test.input, limits: limits)
      let (sample, verdict) = try sampleRunner.call(
        sampleName, arguments: test.input, limits: limits)
      guard referenceVerdict == .returned, verdict == .returned else { return nil }
      pairs.append(
        CostPair(
          sample: Double(sample.cpuNanoseconds), reference: Double(max(reference.cpuNanoseconds, 1))
        ))
    } while policy.shouldContinue(pairs: pairs)
    return RatioEstimate(pairs: pairs)
  }
}
