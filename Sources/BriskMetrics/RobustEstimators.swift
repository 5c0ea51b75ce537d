/// The mean of the faster half of repeated timings (the middle value counts for an odd
/// count). Interruptions, page-cache misses and a busy neighbour only ever add time, so the
/// slow half carries the noise; averaging the fast half keeps the precision of a mean.
/// On reruns of 142 problems it moved efficiencies less than the Hodges-Lehmann estimate of
/// the per-pair ratios did (Benchmarks/repetition.py). `nil` for an empty sample.
public func fastHalfMean(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let fast = values.sorted().prefix((values.count + 1) / 2)
  return fast.reduce(0, +) / Double(fast.count)
}

/// The median; the mean of the two middle values for an even count. `nil` when empty.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
