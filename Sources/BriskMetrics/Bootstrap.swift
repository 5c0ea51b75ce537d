/// A percentile bootstrap confidence interval for a mean over units (Brisk resamples problems).
public struct ConfidenceInterval: Sendable, Equatable {
  public var low: Double
  public var high: Double

  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }
}

/// The mean of `values` and its 95% percentile-bootstrap interval from `resamples` resamples
/// with replacement. Deterministic: the generator is seeded, so a rerun gives the same bounds.
public func bootstrapMean(
  _ values: [Double], resamples: Int = 2000, confidence: Double = 0.95, seed: UInt64 = 0x5EED
) -> (mean: Double, interval: ConfidenceInterval)? {
  guard !values.isEmpty else { return nil }
  let mean = values.reduce(0, +) / Double(values.count)
  var generator = SplitMix64(seed: seed)
  var means: [Double] = []
  means.reserveCapacity(resamples)
  for _ in 0..<resamples {
    var total = 0.0
    for _ in values.indices {
      total += values[Int(generator.next() % UInt64(values.count))]
    }
    means.append(total / Double(values.count))
  }
  means.sort()
  let tail = (1 - confidence) / 2
  let low = means[Int((Double(resamples - 1) * tail).rounded())]
  let high = means[Int((Double(resamples - 1) * (1 - tail)).rounded())]
  return (mean, ConfidenceInterval(low: low, high: high))
}

/// The SplitMix64 generator: small, fast and reproducible across platforms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Two-sided p-value of a paired comparison's mean difference being zero, by the exact
/// sign-flip (randomization) test: under the null each difference is as likely negated, so the
/// p-value is the share of the 2^n sign assignments whose mean is at least as far from zero as
/// the observed one. Exact for any n, so it is the one to use when there are few units: a
/// bootstrap of 1-3 differences reports p = 0.0001 for any nonzero mean, while here the
/// smallest possible p is 2 / 2^n (1 for one unit, 0.25 for three). Nil above `maximumUnits`.
public func pairedSignFlipPValue(_ differences: [Double], maximumUnits: Int = 16) -> Double? {
  guard !differences.isEmpty, differences.count <= maximumUnits else { return nil }
  let observed = abs(differences.reduce(0, +))
  if observed < 1e-15 { return 1 }
  let assignments = 1 << differences.count
  var extreme = 0
  for signs in 0..<assignments {
    var total = 0.0
    for (index, difference) in differences.enumerated() {
      total += signs & (1 << index) == 0 ? difference : -difference
    }
    // A relative tolerance, so that the observed assignment always counts despite rounding.
    if abs(total) >= observed * (1 - 1e-12) { extreme += 1 }
  }
  return Double(extreme) / Double(assignments)
}

/// Two-sided p-value of a paired comparison's mean difference being zero, by the centered
/// bootstrap: resample the per-unit differences, and count how often the resampled mean strays
/// from the observed mean at least as far as the observed mean strays from zero.
public func pairedBootstrapPValue(
  _ differences: [Double], resamples: Int = 10000, seed: UInt64 = 0xC0FFEE
) -> Double? {
  guard !differences.isEmpty else { return nil }
  let observed = differences.reduce(0, +) / Double(differences.count)
  if abs(observed) < 1e-15 { return 1 }
  var generator = SplitMix64(seed: seed)
  var extreme = 0
  for _ in 0..<resamples {
    var total = 0.0
    for _ in differences.indices {
      total += differences[Int(generator.next() % UInt64(differences.count))]
    }
    if abs(total / Double(differences.count) - observed) >= abs(observed) { extreme += 1 }
  }
  // At least one resample's worth, so that a p-value is never reported as exactly 0.
  return Double(max(extreme, 1)) / Double(resamples)
}
