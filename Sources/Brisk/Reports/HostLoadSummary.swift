import Foundation

/// How busy other processes kept the host while a run's samples were measured: the mean over
/// its samples' evaluations and the busiest one (HostLoad).
public struct HostLoadSummary: Sendable, Equatable {
  /// Mean CPUs busy with other work, over the samples with a figure.
  public var mean: Double
  /// The largest figure, and the problem whose sample it was measured on.
  public var peak: Double
  public var peakProblem: String
  /// Samples with a figure (evaluations stored before Brisk recorded it have none).
  public var samples: Int

  /// Nil when no sample has a figure.
  public init?(_ results: [SampleResult]) {
    let measured = results.compactMap { result in result.otherCPUs.map { (result, $0) } }
    guard let busiest = measured.max(by: { $0.1 < $1.1 }) else { return nil }
    mean = measured.map(\.1).reduce(0, +) / Double(measured.count)
    peak = busiest.1
    peakProblem = busiest.0.problemID
    samples = measured.count
  }

  /// Whether other work may have moved the run's figures (HostLoad.contended).
  public var isContended: Bool { mean >= HostLoad.contended }

  /// "0.53 CPUs on average and 0.97 at most (during HumanEval_35)".
  public var description: String {
    String(format: "%.2f CPUs on average and %.2f at most (during %@)", mean, peak, peakProblem)
  }

  /// What `brisk score` and the leaderboard say about a contended run.
  public var warning: String {
    "other processes used \(description) while these samples were measured. Contention "
      + "slows a sample and its expert by different factors, so efficiencies can move (by up "
      + "to 0.14 on one problem in Brisk's stability benchmark); score again with --fresh on a "
      + "quiet host to compare."
  }
}
