import BriskMetrics
import BriskTestSupport
import Testing

/// Every k-subset of 0..<n, for exhaustive checks on small n.
func subsets(of n: Int, size k: Int) -> [[Int]] {
  guard k > 0 else { return [[]] }
  guard n >= k else { return [] }
  return subsets(of: n - 1, size: k) + subsets(of: n - 1, size: k - 1).map { $0 + [n - 1] }
}

@Suite(.tags(.small))
struct PassAtKTests {
  @Test func knownValues() throws {
    #expect(passAtK(samples: 10, correct: 0, k: 1) == 0)
    #expect(passAtK(samples: 10, correct: 10, k: 5) == 1)
    #expect(abs(try #require(passAtK(samples: 10, correct: 3, k: 1)) - 0.3) < 1e-15)
    // 1 - C(7,2)/C(10,2) = 1 - 21/45
    #expect(abs(try #require(passAtK(samples: 10, correct: 3, k: 2)) - 24.0 / 45.0) < 1e-15)
    #expect(passAtK(samples: 5, correct: 1, k: 6) == nil)
    #expect(passAtK(samples: 5, correct: 1, k: 0) == nil)
  }

  /// pass@k is the average over all k-subsets of "the subset holds a correct sample".
  @Test(arguments: 1...12)
  func equalsTheSubsetAverage(n: Int) throws {
    for c in 0...n {
      let correct = Set(0..<c)
      for k in 1...n {
        let all = subsets(of: n, size: k)
        let exact = Double(all.filter { !correct.isDisjoint(with: $0) }.count) / Double(all.count)
        let estimate = try #require(passAtK(samples: n, correct: c, k: k))
        #expect(abs(estimate - exact) < 1e-12, "n=\(n) c=\(c) k=\(k)")
      }
    }
  }

  @Test func nonDecreasingInK() throws {
    for k in 1..<200 {
      let a = try #require(passAtK(samples: 200, correct: 17, k: k))
      let b = try #require(passAtK(samples: 200, correct: 17, k: k + 1))
      #expect(a <= b + 1e-15)
    }
  }
}

@Suite(.tags(.small))
struct EffAtKTests {
  static func randomEfficiencies(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      // A third zeros (failed samples), the rest in [0, 1.2).
      generator.next() % 3 == 0 ? 0 : Double(generator.next() % 1_200_000) / 1_000_000
    }
  }

  /// eff@k is the average over all k-subsets of the subset's best efficiency, for n <= 12.
  @Test(arguments: 1...12)
  func equalsTheSubsetAverageOfMaxima(n: Int) throws {
    for seed in 0..<5 {
      let e = Self.randomEfficiencies(n, seed: UInt64(n * 100 + seed))
      for k in 1...n {
        let all = subsets(of: n, size: k)
        let exact =
          all.map { subset in subset.map { e[$0] }.max() ?? 0 }.reduce(0, +) / Double(all.count)
        let estimate = try #require(effAtK(e, k: k))
        #expect(abs(estimate - exact) < 1e-12, "n=\(n) k=\(k) e=\(e)")
      }
    }
  }

  @Test(arguments: [1, 2, 7, 50, 1000])
  func effAt1IsTheMeanAndEffAtNTheMax(n: Int) throws {
    let e = Self.randomEfficiencies(n, seed: UInt64(n))
    let mean = e.reduce(0, +) / Double(n)
    #expect(abs(try #require(effAtK(e, k: 1)) - mean) < 1e-12)
    #expect(abs(try #require(effAtK(e, k: n)) - (e.max() ?? 0)) < 1e-12)
  }

  @Test func nonDecreasingInK() throws {
    let e = Self.randomEfficiencies(300, seed: 42)
    var previous = 0.0
    for k in 1...300 {
      let value = try #require(effAtK(e, k: k))
      #expect(value >= previous - 1e-12, "k=\(k)")
      previous = value
    }
  }

  /// With efficiencies in {0, 1}, eff@k is pass@k: a check at sizes where naive binomial
  /// coefficients overflow a Double (C(1000, 500) ~ 1e299, and beyond for n = 2000).
  @Test(arguments: [(1000, 500, 137), (1000, 500, 1), (2000, 1000, 3), (1000, 1, 999)])
  func stableAtLargeNAndK(n: Int, k: Int, correct: Int) throws {
    let e = (0..<n).map { $0 < correct ? 1.0 : 0.0 }
    let eff = try #require(effAtK(e, k: k))
    let pass = try #require(passAtK(samples: n, correct: correct, k: k))
    #expect(eff.isFinite)
    #expect(abs(eff - pass) < 1e-9, "eff \(eff) pass \(pass)")
  }

  @Test func outOfRangeK() {
    #expect(effAtK([0.5], k: 2) == nil)
    #expect(effAtK([], k: 1) == nil)
  }
}

@Suite(.tags(.small))
struct RobustEstimatorTests {
  @Test func knownValues() throws {
    #expect(fastHalfMean([]) == nil)
    #expect(fastHalfMean([3]) == 3)
    // The faster half of 9, 1, 2 (the middle value counts): 1 and 2.
    #expect(fastHalfMean([9, 1, 2]) == 1.5)
    #expect(fastHalfMean([4, 1, 3, 2]) == 1.5)
    #expect(median([4, 1, 3, 2]) == 2.5)
  }

  @Test func ignoresSlowOutliers() throws {
    // Two of five calls hit by a burst: the median is still 10, a Hodges-Lehmann estimate
    // would say 13.65; the fast half is unmoved.
    let values: [Double] = [10.6, 21.5, 16.5, 10.8, 10.8]
    let estimate = try #require(fastHalfMean(values))
    #expect(abs(estimate - 10.7333) < 1e-3)
  }

  @Test func aRatioSummarizesEachSideOnItsOwn() {
    // A burst slows the sample's second call and the expert's third: neither moves the ratio.
    let estimate = RatioEstimate(pairs: [
      CostPair(sample: 2.0, reference: 1.0), CostPair(sample: 5.0, reference: 1.0),
      CostPair(sample: 2.0, reference: 3.0), CostPair(sample: 2.0, reference: 1.0),
    ])
    #expect(abs(estimate.ratio - 2.0) < 1e-12)
    #expect(estimate.count == 4)
  }
}
