import BriskMetrics
import Foundation

/// Everything Brisk concludes about one sample on one problem.
public struct SampleEvaluation: Sendable, Equatable {
  /// What the stored figures measure: "cpu_time" (seconds) or "instructions".
  public var signal: String
  public var verdict: TestVerdict
  public var efficiency: SampleEfficiency
  public var performanceRatio: Double?
  public var dpe: PerformanceLevelMatch?
  public var tests: [MeasuredTest]
  /// False for a correctness-only problem: its efficiency is not stored.
  public var measuresEfficiency: Bool = true
  /// Wall time the evaluation took, runner starts and judging included.
  public var elapsedSeconds: Double = 0
  /// How many CPUs other processes kept busy meanwhile, on average (HostLoad); nil when
  /// /proc does not tell.
  public var otherCPUs: Double?

  public var passed: Bool { efficiency.passed }
}

/// One stored sample result (the `brisk_sample_results` view).
public struct SampleResult: Sendable, Equatable {
  public var runID: Int64
  public var problemID: String
  public var sampleIndex: Int
  public var codeSHA256: String
  /// nil until the sample is evaluated.
  public var verdict: String?
  public var passed: Bool?
  public var efficiency: Double?
  public var dps: Double?
  public var dpsNorm: Double?
  public var dpeLevel: Int?
  /// How many CPUs other processes kept busy while it was measured (HostLoad); nil when
  /// unknown or not yet measured.
  public var otherCPUs: Double? = nil
}

/// A run as stored.
public struct StoredRun: Sendable, Equatable {
  public var id: Int64
  public var submission: String
  public var model: String
  public var configuration: String
  public var startedAt: Date
  public var finishedAt: Date?
  public var status: String
  public var machine: MachineFingerprint?
  /// The samples were chosen by their correctness before Brisk saw them (EvalPerf's results):
  /// pass@k is over those, not the model's.
  public var onlyCorrectSamples = false
  /// The decoding settings the submission declared (temperature, top_p, ...).
  public var decoding: [String: String] = [:]
}

/// One aggregate metric of a run with its 95% bootstrap interval over problems.
public struct MetricValue: Sendable, Equatable {
  /// pass, eff, dps or dps_norm.
  public var metric: String
  /// k for pass@k and eff@k; nil for dps and dps_norm.
  public var k: Int?
  public var value: Double
  public var interval: ConfidenceInterval
  /// How many problems the aggregate covers.
  public var problems: Int

  /// "pass@1", "eff@10", "dps", ...
  public var name: String { k.map { "\(metric)@\($0)" } ?? metric }
}
