/// The Hodges-Lehmann location estimate: the median of all Walsh averages (x_i + x_j) / 2,
/// i <= j. Robust to outliers like the median, nearly as efficient as the mean; ENAMEL uses it
/// to summarize repeated timings. `nil` for an empty sample.
public func hodgesLehmann(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  var averages: [Double] = []
  averages.reserveCapacity(values.count * (values.count + 1) / 2)
  for i in values.indices {
    for j in i..<values.count {
      averages.append((values[i] + values[j]) / 2)
    }
  }
  return median(averages)
}

/// The median; the mean of the two middle values for an even count. `nil` when empty.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
