import BriskMetrics
import BriskSandbox
import Foundation

/// Something wrong with a problem, and what to change.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
  public var problem: String
  /// The file to change, relative to the repository when possible.
  public var file: String
  public var level: Int?
  public var test: Int?
  public var message: String

  public var description: String {
    let place = [level.map { "level \($0)" }, test.map { "case \($0)" }].compactMap { $0 }
    return
      "\(problem): \(file)\(place.isEmpty ? "" : " (\(place.joined(separator: ", ")))"): \(message)"
  }
}

/// What the doctor measured on a healthy problem, for the author to see.
public struct ProblemCheckSummary: Sendable, Equatable {
  public var problem: String
  public var tests: Int
  /// The expert's CPU time on the performance test, seconds.
  public var expertTime: Double?
  /// Each DPE level's cost relative to the expert on the performance test, slow to fast.
  public var levelRatios: [Double?]
  /// Efficiency of each known-bad solution declared slower.
  public var knownBadEfficiencies: [String: Double]
  public var findings: [Finding]
  /// On an imported problem, what Brisk's rules for its own problems would have found: the
  /// dataset cannot meet them, so they inform rather than fail.
  public var notes: [Finding] = []
  /// What was measured, line by line, for `brisk problem check --verbose`.
  public var details: [String] = []
  /// No level carries weight: the problem is scored for correctness only, without timing.
  public var correctnessOnly = false
}

/// The problem doctor: checks that a problem measures what it claims to.
public struct ProblemDoctor: Sendable {
  public let scripts: TrustedScripts
  public let launcher: Launcher
  /// The expert's time on the performance test must be at least this, in seconds.
  public var minimumExpertTime = 0.020
  /// ... and at most the problem's timeout divided by this.
  public var timeoutHeadroom = 10.0
  /// Consecutive DPE levels must differ in cost by at least this factor.
  public var levelSeparation = 1.25
  /// A known-bad solution declared slower must score at most this efficiency.
  public var slowerMaximumEfficiency = 0.85

  public init(scripts: TrustedScripts, launcher: Launcher) {
    self.scripts = scripts
    self.launcher = launcher
  }

  /// Checks `problem` step by step (ProblemExamination); a step whose failure would make the
  /// later ones repeat it ends the check there.
  public func check(_ problem: Problem, cpu: Int? = nil, slot: Int = 0) throws
    -> ProblemCheckSummary
  {
    var examination = ProblemExamination(doctor: self, problem: problem, cpu: cpu, slot: slot)
    try examination.run()
    return examination.summary
  }
}
