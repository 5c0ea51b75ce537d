import BriskMetrics

/// How a sample did on one test.
public enum TestVerdict: Sendable, Equatable {
  case passed
  case wrongAnswer(String)
  case runtimeError(String)
  case timeLimit
  case memoryLimit
  case outputLimit
  case securityViolation(String)
  /// Raised OverflowError on a stress level of a problem that counts it as the level's limit.
  case overflow
  /// The harness could not run the test: never the sample's fault.
  case infrastructure(String)

  /// The stored name: ok, wrong_answer, runtime_error, time_limit, memory_limit,
  /// output_limit, security_violation, overflow or launch_failure.
  public var name: String {
    switch self {
    case .passed: "ok"
    case .wrongAnswer: "wrong_answer"
    case .runtimeError: "runtime_error"
    case .timeLimit: "time_limit"
    case .memoryLimit: "memory_limit"
    case .outputLimit: "output_limit"
    case .securityViolation: "security_violation"
    case .overflow: "overflow"
    case .infrastructure: "launch_failure"
    }
  }

  /// The message or reason, if any.
  public var detail: String? {
    switch self {
    case .wrongAnswer(let text), .runtimeError(let text), .securityViolation(let text),
      .infrastructure(let text):
      text
    default: nil
    }
  }

  /// Limits end a level; anything else but success fails the sample.
  public var isLimit: Bool { self == .timeLimit || self == .memoryLimit || self == .overflow }
}

/// One repetition of a call: the scoring signal (CPU time, or instructions with the
/// instruction meter), wall time and peak memory.
public struct CallMeasurement: Sendable, Equatable {
  /// Seconds of kernel-accounted CPU time.
  public var cpu: Double
  /// Seconds of wall-clock time.
  public var wall: Double
  public var maxRSSKilobytes: Int
  /// Instructions executed in the measured region, when counted.
  public var instructions: Int64?

  /// The figure that scores: instructions when counted, else CPU seconds.
  public var cost: Double { instructions.map(Double.init) ?? cpu }
}

/// Everything measured of one sample on one test.
public struct MeasuredTest: Sendable, Equatable {
  public var level: Int
  public var index: Int
  public var verdict: TestVerdict
  /// The sample's repetitions, in order.
  public var sample: [CallMeasurement]
  /// The expert's repetitions, interleaved with the sample's (empty at level 0).
  public var reference: [CallMeasurement]
  /// The sample's time relative to the expert's, from the paired repetitions.
  public var ratio: RatioEstimate?
  /// The expert's time on this test (the mean of the faster half of its repetitions), seconds.
  public var referenceTime: Double?
  /// The sample's time: ratio x reference time, or its single measured time at level 0.
  public var sampleTime: Double?
  /// The pairs `ratio` comes from (a sample call stopped at its cap makes none).
  var pairs: [CostPair] = []
  /// For a limit (or output-limit) verdict, which limit stopped the call and where it was set.
  public var limitReason: String?

  /// What `brisk explain` shows for this test: the verdict's message, or the limit's reason.
  public var detail: String? { verdict.detail ?? limitReason }
}

extension MeasuredTest {
  /// Takes `pairs` as the test's pairs, and from them its ratio, the expert's time (the mean
  /// of the faster half of its calls) and the sample's (ratio x the expert's).
  @discardableResult
  mutating func summarize(pairs: [CostPair]) -> RatioEstimate {
    let estimate = RatioEstimate(pairs: pairs)
    let referenceTime = fastHalfMean(reference.map(\.cost)) ?? 0
    self.pairs = pairs
    ratio = estimate
    self.referenceTime = referenceTime
    sampleTime = estimate.ratio * referenceTime
    return estimate
  }
}
