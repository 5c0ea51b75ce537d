import BriskMetrics

/// A second batch of pairs for the test that decides a level, when it stands out.
///
/// A level's time is its slowest test's, and a test may stop after 3 pairs: a burst of load
/// that slows the sample's calls through all of them sets the whole level. On a stability run
/// a sample measured 1.63 times the expert on one test where it measured 1.17 in the runs
/// before and after, and its level's efficiency fell to 0.37 from 0.81-0.86. So when a
/// completed level's deciding test (the largest ratio x baseline) has a ratio well above the
/// median of the level's ratios, it is measured again after the level's other tests, and its
/// ratio comes from both batches: each side's faster half then comes from the batch the burst
/// missed. A sample that is slower on that input in truth measures the same again.
enum SecondLook {
  /// How far above the median of its level's ratios the deciding test's ratio must be. On 8
  /// runs of ENAMEL's 142 problems, 5% of level measurements had a test this far out, most of
  /// them in every run (the sample is slower on that input): the second batches add about 1%
  /// to the pairs measured.
  static let standout = 1.2

  /// The position in `measured` of `level`'s test to measure again, or nil: only a level
  /// whose tests all passed with a ratio, two at least.
  static func target(level: Int, of measured: [MeasuredTest], tests: TestSet) -> Int? {
    let here = measured.indices.filter { measured[$0].level == level }
    let ratios = here.compactMap { measured[$0].ratio?.ratio }
    guard here.count == tests.cases(level: level).count, here.count >= 2,
      ratios.count == here.count,
      here.allSatisfy({ measured[$0].verdict == .passed }),
      let middle = median(ratios)
    else { return nil }
    func time(_ position: Int) -> Double {
      let baseline = tests.cases.first {
        $0.level == level && $0.index == measured[position].index
      }?.baselineTime
      return (measured[position].ratio?.ratio ?? 0) * (baseline ?? 0)
    }
    guard let deciding = here.max(by: { time($0) < time($1) }),
      let ratio = measured[deciding].ratio?.ratio, ratio > standout * middle
    else { return nil }
    return deciding
  }

  /// `first` with the calls and pairs of `again` added, its ratio and times from all of them.
  static func merged(_ first: MeasuredTest, _ again: MeasuredTest) -> MeasuredTest {
    var merged = first
    merged.sample += again.sample
    merged.reference += again.reference
    merged.summarize(pairs: first.pairs + again.pairs)
    return merged
  }
}
