/// pass@k, the unbiased estimator of Chen et al. (2021): the probability that at least one of
/// k samples drawn without replacement from n, of which c are correct, is correct.
///
/// Computed as 1 - prod_{i=n-c+1}^{n} (1 - k/i), which equals 1 - C(n-c, k)/C(n, k) without
/// forming binomial coefficients. `nil` when k is not in 1...n.
public func passAtK(samples n: Int, correct c: Int, k: Int) -> Double? {
  guard k >= 1, k <= n, c >= 0, c <= n else { return nil }
  if c == 0 { return 0 }
  if n - c < k { return 1 }
  var stillFailing = 1.0
  for i in (n - c + 1)...n {
    stillFailing *= 1 - Double(k) / Double(i)
  }
  return 1 - stillFailing
}
