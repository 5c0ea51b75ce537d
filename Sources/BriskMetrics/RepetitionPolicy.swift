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
  /// Approximate standard error of `ratio`, relative to it: the spread of the per-pair
  /// ratios (median absolute deviation, scaled for a normal sample).
  public var relativeError: Double
  public var count: Int

  public init(pairs: [CostPair]) {
    count = pairs.count
    let sample = fastHalfMean(pairs.map(\.sample)) ?? 0
    let reference = fastHalfMean(pairs.map(\.reference)) ?? 0
    ratio = reference > 0 ? sample / reference : 0
    let ratios = pairs.map { $0.sample / max($0.reference, 1e-12) }
    guard count > 1, ratio > 0, let center = median(ratios),
      let deviation = median(ratios.map { abs($0 - center) })
    else {
      relativeError = .infinity
      return
    }
    // 1.4826 turns a MAD into a standard deviation; 1.2533 is the median's relative variance.
    relativeError = 1.4826 * deviation * 1.2533 / (Double(count).squareRoot() * ratio)
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
    minimum: Int = 3, maximum: Int = 10, targetRelativeError: Double = 0.015,
    nearThresholdMaximum: Int = 20
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.targetRelativeError = targetRelativeError
    self.nearThresholdMaximum = nearThresholdMaximum
  }

  /// Whether to measure another pair, given the pairs so far and, optionally, a threshold
  /// on the ratio whose side must be decided.
  public func shouldContinue(pairs: [CostPair], threshold: Double? = nil) -> Bool {
    if pairs.count < minimum { return true }
    let estimate = RatioEstimate(pairs: pairs)
    if let threshold {
      if clearlyExceeds(estimate, threshold) { return false }  // beyond the limit: decided
      if isNear(estimate, threshold) { return pairs.count < nearThresholdMaximum }
    }
    return pairs.count < maximum && estimate.relativeError > targetRelativeError
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
