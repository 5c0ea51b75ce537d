import BriskSandbox
import Foundation

/// Per worker, the sessions the samples of one problem are measured against: a runner for the
/// expert, one for the DPE levels, and the problem's judge, started only when an output
/// differs from the expected bytes. They serve every sample of the problem the worker is on
/// and are started afresh when it moves to another: a runner that served other problems has a
/// heap shaped by their inputs, and its children then pay copy-on-write faults inside the
/// timed call that a fresh sample runner does not (ENAMEL's references scored 1.053 against
/// themselves with one expert runner per worker, 1.003 with one per problem). A sample never
/// shares a runner: each gets its own, so that no sample can reach the expert's code or
/// another sample's.
final class SessionCache: @unchecked Sendable {
  struct Sessions {
    var judge: LazyJudge
    var reference: RunnerSession
    /// The DPE levels but the expert, loaded as "level0", "level1", ...; nil without levels.
    var levels: (runner: RunnerSession, names: [String])?
  }

  private struct WorkerSessions {
    var testSetID: Int64?
    var current: Sessions?
  }

  /// The largest memory limit among the run's problems: the shared runners' sandboxes must
  /// admit every problem's calls (each call still gets its own problem's limit).
  let memoryBytes: Int
  private let lock = NSLock()
  private var byWorker: [Int: WorkerSessions] = [:]

  init(memoryBytes: Int) {
    self.memoryBytes = memoryBytes
  }

  func sessions(
    for problem: Scorer.PreparedProblem, worker: Int, scripts: TrustedScripts, launcher: Launcher,
    cpu: Int, meter: Meter
  ) throws -> Sessions {
    lock.lock()
    let existing = byWorker[worker]
    lock.unlock()
    if let existing, existing.testSetID == problem.testSetID, let current = existing.current {
      return current
    }
    let spec = problem.problem
    func runner() throws -> RunnerSession {
      try RunnerSession(
        scripts: scripts, launcher: launcher, memoryLimitBytes: memoryBytes, cpu: cpu,
        slot: worker, meter: meter)
    }
    // The previous problem's runners end here, before the new ones start.
    var state = WorkerSessions()
    lock.lock()
    byWorker[worker] = state
    lock.unlock()
    let reference = try runner()
    if let message = try reference.load("expert", source: spec.reference.source, for: spec) {
      throw BriskError.problem("\(spec.directory)/reference.py", "does not compile:\n\(message)")
    }
    var levels: (runner: RunnerSession, names: [String])?
    let slower = spec.performanceLevels.dropLast()
    if !slower.isEmpty && meter == .cpuTime {
      let levelsRunner = try runner()
      var names: [String] = []
      for (index, level) in slower.enumerated() {
        let name = "level\(index)"
        if let message = try levelsRunner.load(name, source: level.solution.source, for: spec) {
          throw BriskError.problem(
            "\(spec.directory)/\(level.solution.path)", "does not compile:\n\(message)")
        }
        names.append(name)
      }
      levels = (levelsRunner, names)
    }
    let judge = LazyJudge {
      try JudgeSession(
        scripts: scripts, launcher: launcher, checker: spec.checker, cpu: cpu, slot: worker)
    }
    let sessions = Sessions(judge: judge, reference: reference, levels: levels)
    state.testSetID = problem.testSetID
    state.current = sessions
    lock.lock()
    byWorker[worker] = state
    lock.unlock()
    return sessions
  }

  /// Ends a worker's sessions after a failure, so that its next sample starts afresh.
  func discard(worker: Int) {
    lock.lock()
    byWorker[worker] = nil
    lock.unlock()
  }

  /// Ends every session (their sandboxes with them).
  func close() {
    lock.lock()
    byWorker.removeAll()
    lock.unlock()
  }
}
