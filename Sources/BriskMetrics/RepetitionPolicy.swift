/// One repetition of a paired measurement: the candidate's cost and the reference's, measured
/// back to back.
public struct CostPair: Sendable, Equatable {
  public var sample: Double
  public var reference: Double

  public init(sample: Double, reference: Double) {
    self.sample = sample
    self.reference = reference
  }
}

/// A robust estimate of a ratio from paired repetitions (candidate time / reference time,
/// measured back to back so that the host's slow drift cancels).
public struct RatioEstimate: Sendable, Equatable {
  /// The candidate's fast-half mean over the reference's: each side's noise is one-sided
  /// (a burst only slows the calls it hits), so each is summarized on its own.
  public var ratio: Double
  /// Standard error of `ratio`, relative to it, from the spread of the per-pair ratios (their
  /// standard deviation over the square root of the count). Deliberately not a robust
  /// spread: a few pairs caught in a burst of load must make the measurement continue, so
  /// that the faster half is not made of burst calls on one side (on 3 reruns at 10 pairs,
  /// a median-absolute-deviation rule stopped such tests at 3 pairs and moved a problem's
  /// efficiency by up to 0.07; see BENCHMARKS.md).
  public var relativeError: Double
  public var count: Int

  public init(pairs: [CostPair]) {
    count = pairs.count
    let sample = fastHalfMean(pairs.map(\.sample)) ?? 0
    let reference = fastHalfMean(pairs.map(\.reference)) ?? 0
    ratio = reference > 0 ? sample / reference : 0
    guard count > 1, ratio > 0 else {
      relativeError = .infinity
      return
    }
    let ratios = pairs.map { $0.sample / max($0.reference, 1e-12) }
    let mean = ratios.reduce(0, +) / Double(count)
    let variance = ratios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
    relativeError = (variance / Double(count)).squareRoot() / ratio
  }
}

/// When to stop repeating a paired measurement: once the ratio is stable, or at a cap.
/// Near a decision threshold (the time limit), more repetitions are allowed so that the
/// verdict does not depend on noise.
public struct RepetitionPolicy: Sendable, Equatable {
  public var minimum: Int
  public var maximum: Int
  /// Relative standard error at which the ratio counts as stable.
  public var targetRelativeError: Double
  /// The cap when the estimate sits within three standard errors of a threshold.
  public var nearThresholdMaximum: Int

  public init(
    minimum: Int = 3, maximum: Int = 10, targetRelativeError: Double = 0.03,
    nearThresholdMaximum: Int = 20
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.targetRelativeError = targetRelativeError
    self.nearThresholdMaximum = nearThresholdMaximum
  }

  /// Whether to measure another pair, given the pairs so far and, optionally, a threshold
  /// on the ratio whose side must be decided. `precision` scales the target relative error
  /// for a measurement that needs less of it (a light test, whose time moves its level's
  /// efficiency little); it never tightens it.
  public func shouldContinue(
    pairs: [CostPair], threshold: Double? = nil, precision: (RatioEstimate) -> Double = { _ in 1 }
  ) -> Bool {
    if pairs.count < minimum { return true }
    let estimate = RatioEstimate(pairs: pairs)
    if let threshold {
      if clearlyExceeds(estimate, threshold) { return false }  // beyond the limit: decided
      if isNear(estimate, threshold) { return pairs.count < nearThresholdMaximum }
    }
    return pairs.count < maximum
      && estimate.relativeError > targetRelativeError * max(1, precision(estimate))
  }

  /// True when `threshold` lies within three standard errors of the estimate.
  public func isNear(_ estimate: RatioEstimate, _ threshold: Double) -> Bool {
    abs(estimate.ratio - threshold) <= 3 * estimate.relativeError * estimate.ratio
  }

  /// True only when the estimate is beyond `threshold` by more than three standard errors:
  /// a limit verdict needs evidence, so that reruns agree.
  public func clearlyExceeds(_ estimate: RatioEstimate, _ threshold: Double) -> Bool {
    estimate.ratio > threshold && !isNear(estimate, threshold)
  }
}
