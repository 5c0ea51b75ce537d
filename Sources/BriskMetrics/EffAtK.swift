/// eff@k (ENAMEL, Qiu et al.): the expected best efficiency among k samples drawn without
/// replacement from the n measured ones, by the Rao-Blackwellized unbiased estimator
///
///     eff@k = sum_{i=k}^{n} C(i-1, k-1) / C(n, k) * e_(i),   e sorted ascending.
///
/// The weights are built from w_n = k/n by w_i = w_{i+1} (1 - (k-1)/i): every factor lies in
/// [0, 1], so nothing overflows or cancels, even at n = 1000, k = 500. `nil` unless 1 <= k <= n.
public func effAtK(_ efficiencies: [Double], k: Int) -> Double? {
  let n = efficiencies.count
  guard k >= 1, k <= n else { return nil }
  let sorted = efficiencies.sorted()
  var weight = Double(k) / Double(n)
  var total = weight * sorted[n - 1]
  var i = n - 1
  while i >= k {
    weight *= 1 - Double(k - 1) / Double(i)
    total += weight * sorted[i - 1]
    i -= 1
  }
  return total
}
