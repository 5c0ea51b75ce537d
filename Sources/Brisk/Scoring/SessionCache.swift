import BriskSandbox
import Foundation

/// Per worker, the judge and the expert's runner of the problem it is measuring, kept while it
/// measures that problem's samples and replaced when it moves to another problem.
final class SessionCache: @unchecked Sendable {
  struct Sessions {
    var testSetID: Int64
    var judge: JudgeSession
    var reference: RunnerSession
    /// The DPE levels but the expert, loaded as "level0", "level1", ...; nil without levels.
    var levels: (runner: RunnerSession, names: [String])?
  }

  private let lock = NSLock()
  private var byWorker: [Int: Sessions] = [:]

  func sessions(
    for problem: Scorer.PreparedProblem, worker: Int, scripts: TrustedScripts, launcher: Launcher,
    cpu: Int, meter: Meter
  ) throws -> Sessions {
    lock.lock()
    let current = byWorker[worker]
    lock.unlock()
    if let current, current.testSetID == problem.testSetID { return current }
    let spec = problem.problem
    let reference = try RunnerSession(
      scripts: scripts, launcher: launcher, memoryLimitBytes: spec.memoryBytes, cpu: cpu,
      slot: worker, meter: meter)
    if let message = try reference.load("expert", source: spec.reference.source, for: spec) {
      throw BriskError.problem("\(spec.directory)/reference.py", "does not compile:\n\(message)")
    }
    var levels: (runner: RunnerSession, names: [String])?
    let slower = spec.performanceLevels.dropLast()
    if !slower.isEmpty && meter == .cpuTime {
      let runner = try RunnerSession(
        scripts: scripts, launcher: launcher, memoryLimitBytes: spec.memoryBytes, cpu: cpu,
        slot: worker, meter: meter)
      var names: [String] = []
      for (index, level) in slower.enumerated() {
        if let message = try runner.load("level\(index)", source: level.solution.source, for: spec)
        {
          throw BriskError.problem(
            "\(spec.directory)/\(level.solution.path)", "does not compile:\n\(message)")
        }
        names.append("level\(index)")
      }
      levels = (runner, names)
    }
    let sessions = Sessions(
      testSetID: problem.testSetID,
      judge: try JudgeSession(
        scripts: scripts, launcher: launcher, checker: spec.checker, cpu: cpu, slot: worker),
      reference: reference, levels: levels)
    lock.lock()
    byWorker[worker] = sessions
    lock.unlock()
    return sessions
  }

  /// Ends every session (their sandboxes with them).
  func close() {
    lock.lock()
    byWorker.removeAll()
    lock.unlock()
  }
}
