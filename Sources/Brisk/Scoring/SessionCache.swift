import BriskSandbox
import Foundation

/// Per worker, the judge and the expert's runner of the problem it is measuring, kept while it
/// measures that problem's samples and replaced when it moves to another problem.
final class SessionCache: @unchecked Sendable {
  struct Sessions {
    var testSetID: Int64
    var judge: JudgeSession
    var reference: RunnerSession
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
    let sessions = Sessions(
      testSetID: problem.testSetID,
      judge: try JudgeSession(
        scripts: scripts, launcher: launcher, checker: spec.checker, cpu: cpu, slot: worker),
      reference: reference)
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
