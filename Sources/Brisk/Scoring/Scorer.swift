import BriskMetrics
import BriskSandbox
import Foundation

/// What `brisk score` was asked to do.
public struct ScoringOptions: Sendable {
  public var workers: Int
  /// The k values of pass@k and eff@k.
  public var ks: [Int]
  /// Overrides the submission manifest's model name.
  public var model: String?
  /// Re-measure even what the store already holds.
  public var reuseEvaluations: Bool
  public var policy: RepetitionPolicy
  /// A sample within this relative margin of a DPE level's cost matches it.
  public var dpeTolerance: Double
  public var meter: Meter
  /// How the sandbox serves the interpreter's files (TrustedScripts.filesServed): from the
  /// host's disk, a later call can time what an earlier one looked up.
  public var filesServed = "tmpfs_copy"

  public init(
    workers: Int, ks: [Int] = [1, 10, 100], model: String? = nil, reuseEvaluations: Bool = true,
    policy: RepetitionPolicy = RepetitionPolicy(), dpeTolerance: Double = 0.05,
    meter: Meter = .cpuTime
  ) {
    self.workers = workers
    self.ks = ks
    self.model = model
    self.reuseEvaluations = reuseEvaluations
    // Instruction counts are identical across reruns: one measurement per call says it all.
    self.policy =
      meter == .instructions
      ? RepetitionPolicy(minimum: 1, maximum: 1, nearThresholdMaximum: 1) : policy
    self.dpeTolerance = dpeTolerance
    self.meter = meter
  }

  /// Everything that changes what a measurement means, as stored with each run. Under the
  /// instruction meter a test's time is the expert's count on it (SampleMeasurer), not its
  /// stored CPU baseline scaled by drift.
  var configuration: String {
    let times = meter == .instructions ? #""times":"expert_counts","# : ""
    return """
      {"signal":"\(meter.signal)",\(times)"interleaved":true,"estimator":"fast_half_mean",\
      "error":"sd_of_pair_ratios","precision":"scaled_to_room_under_T",\
      "time_limit":"beyond T plus the problem's slack",\
      "repetitions":{"minimum":\(policy.minimum),"maximum":\(policy.maximum),\
      "target_relative_error":\(policy.targetRelativeError),\
      "near_limit_maximum":\(policy.nearThresholdMaximum)},"dpe_tolerance":\(dpeTolerance),\
      "dpe_expert_level":"remeasured_within_twice_the_margin",\
      "brisk":"\(MachineFingerprint.briskVersion)","runner":"\(TrustedScripts.contentHash)",\
      "files":"\(filesServed)"}
      """
  }

  /// The cache key: evaluations are reused only under the same configuration. A fresh run
  /// (`freshness` names it) gets a key of its own, so that its measurements are stored beside
  /// the earlier ones.
  func configurationKey(freshness: String?) -> String {
    SHA256.hex(configuration + (freshness.map { "\nfresh \($0)" } ?? ""))
  }

  /// Names a new fresh run.
  let freshness = UUID().uuidString
}

/// Progress of a scoring run, for a progress bar or log lines.
public enum ScoringEvent: Sendable {
  /// Preparing a problem: generating its tests or calibrating its DPE levels.
  case preparing(problem: String, step: String)
  /// Measuring starts: `total` samples, of which `cached` need no measurement.
  case measuring(total: Int, cached: Int, resumed: Bool)
  /// `efficiency` is nil on a correctness-only problem; `otherCPUs`: how many CPUs other
  /// processes used while it was measured (HostLoad).
  case sampleDone(
    problem: String, sample: Int, verdict: String, efficiency: Double?, otherCPUs: Double?)
  /// Something went wrong that is not the sample's fault; the sample stays pending.
  case infrastructureFault(problem: String, sample: Int, message: String)
  /// An unfinished run of the same submission and model was not taken up, and why: `run` is
  /// the new run scoring instead.
  case unfinishedRunLeft(earlier: Int64, run: Int64, reasons: [String])
}

/// What a scoring run produced.
public struct ScoringReport: Sendable {
  public var run: StoredRun
  public var metrics: [MetricValue]
  public var results: [SampleResult]
  /// Samples left unmeasured because of infrastructure faults; rerun to finish them.
  public var pending: Int
}

/// Brisk's main job: measures every sample of a submission against the problems' experts in
/// the sandbox and stores the results and metrics.
public struct Scorer: Sendable {
  public let store: BriskStore
  public let scripts: TrustedScripts
  public let launcher: Launcher
  public let options: ScoringOptions

  public init(
    store: BriskStore, scripts: TrustedScripts, launcher: Launcher, options: ScoringOptions
  ) {
    self.store = store
    self.scripts = scripts
    self.launcher = launcher
    var options = options
    options.filesServed = scripts.filesServed
    self.options = options
  }

  /// A problem ready to measure against.
  struct PreparedProblem: Sendable {
    var problem: Problem
    var versionID: Int64
    var testSetID: Int64
    var tests: TestSet
    var calibration: [DPECalibration]

    /// Roughly how long measuring one sample takes, in seconds: a few pairs of calls per
    /// stress test, one call per correctness test, each with its fork's cost.
    var estimatedCost: Double {
      tests.cases.reduce(0) { total, test in
        problem.levels[test.level].weight > 0
          ? total + 10 * (test.baselineTime + 0.003) : total + test.baselineTime + 0.003
      }
    }
  }

  struct WorkItem: Sendable {
    var problem: PreparedProblem
    var sampleIndex: Int
    var code: String
    var codeSHA256: String
  }

  public func score(
    _ submission: Submission, problems: [Problem],
    progress: @escaping @Sendable (ScoringEvent) -> Void
  ) async throws -> ScoringReport {
    let byID = Dictionary(problems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let scored = submission.samples.keys.sorted().compactMap { byID[$0] }
    let machine = MachineFingerprint.current()
    let machineID = try store.machineID(machine)
    let pool = WorkerPool(workers: options.workers)
    let cpus = Sandbox.availableCPUs

    // Tests and DPE calibrations, made once per problem version (and machine) and stored.
    let prepared = await pool.map(scored) { problem, worker in
      try prepare(
        problem, machineID: machineID, cpu: worker % cpus, slot: worker, progress: progress)
    }
    let ready = try prepared.map { try $0.get() }

    let model = options.model ?? submission.model ?? Self.defaultModel(submission.path)
    var samples: [SampleEntry] = []
    for problem in ready {
      for (index, code) in (submission.samples[problem.problem.id] ?? []).enumerated() {
        samples.append(
          SampleEntry(
            problemID: problem.problem.id, sampleIndex: index, problemVersionID: problem.versionID,
            code: code, codeSHA256: SHA256.hex(code)))
      }
    }
    let versions = ready.map { "\($0.problem.id)@\($0.problem.version)" }.joined(separator: ",")
    let identity = SHA256.hex(
      "\(submission.hash)\n\(model)\n\(options.configurationKey(freshness: nil))\n"
        + "\(machine.hash)\n\(versions)")
    // A fresh run that was interrupted is taken up by the same command, under its own key.
    let freshness =
      options.reuseEvaluations
      ? nil : try store.unfinishedFreshRun(identity: identity) ?? options.freshness
    let runKey =
      freshness.map { BriskStore.freshRunKey(identity: identity, freshness: $0) } ?? identity
    let configurationKey = options.configurationKey(freshness: freshness)
    let (run, resumed) = try store.startRun(
      key: runKey, submission: submission.path, submissionHash: submission.hash, model: model,
      configuration: options.configuration, configurationKey: configurationKey,
      machineID: machineID, samples: samples, onlyCorrectSamples: submission.onlyCorrectSamples,
      decoding: submission.decoding)
    if !resumed {
      try tellUnfinishedRunsLeft(
        besides: run.id, submission: submission, model: model,
        now: RunMismatch.Start(
          machine: machine, configuration: options.configuration, fresh: freshness != nil,
          versions: Dictionary(
            ready.map { ($0.problem.id, $0.problem.version) }, uniquingKeysWith: { a, _ in a })),
        progress: progress)
    }

    // Everything not yet evaluated; identical code on one problem is measured once.
    var work: [WorkItem] = []
    var seen = Set<String>()
    var cached = 0
    for problem in ready {
      for (index, code) in (submission.samples[problem.problem.id] ?? []).enumerated() {
        let hash = SHA256.hex(code)
        let key = "\(problem.testSetID)/\(hash)"
        if seen.contains(key) { continue }
        seen.insert(key)
        // A fresh run's key is its own: it finds what it measured before an interruption.
        if try store.hasEvaluation(
          codeSHA256: hash, testSetID: problem.testSetID, machineID: machineID,
          configurationKey: configurationKey)
        {
          cached += 1
          continue
        }
        work.append(WorkItem(problem: problem, sampleIndex: index, code: code, codeSHA256: hash))
      }
    }
    progress(.measuring(total: seen.count, cached: cached, resumed: resumed))
    // Longest first, so that the workers finish together instead of one measuring the last
    // long sample while the other waits.
    work.sort {
      ($0.problem.estimatedCost, $1.problem.problem.id, $1.sampleIndex)
        > ($1.problem.estimatedCost, $0.problem.problem.id, $0.sampleIndex)
    }
    let cache = SessionCache(memoryBytes: ready.map(\.problem.memoryBytes).max() ?? 1 << 30)
    let load = work.isEmpty ? nil : HostLoadMonitor()
    defer { load?.stop() }
    let contents = TestContentCheck()
    let outcomes = await pool.map(work) { item, worker in
      do {
        return try evaluate(
          item, machineID: machineID, configurationKey: configurationKey, cache: cache,
          load: load, contents: contents, cpu: worker % cpus, slot: worker, progress: progress)
      } catch {
        cache.discard(worker: worker)
        // A fault on an altered test is the store's, not the harness's: said as such.
        try contents.verify(item.problem.tests, id: item.problem.testSetID)
        throw error
      }
    }
    cache.close()
    // Altered tests stop the run: every rerun would fail on them the same way.
    for case .failure(let error as AlteredTestContent) in outcomes { throw error }
    var pending = 0
    for (item, outcome) in zip(work, outcomes) {
      if case .failure(let error) = outcome {
        pending += 1
        progress(
          .infrastructureFault(
            problem: item.problem.problem.id, sample: item.sampleIndex, message: "\(error)"))
      }
    }

    let results = try store.sampleResults(runID: run.id)
    var metrics: [MetricValue] = []
    if pending == 0 {
      metrics = Self.metrics(results, ks: options.ks)
      try store.completeRun(run.id, metrics: metrics)
    }
    let finished = try store.runs().first { $0.id == run.id } ?? run
    return ScoringReport(run: finished, metrics: metrics, results: results, pending: pending)
  }

  /// Says why each unfinished run of this submission and model was not taken up by the new
  /// run `runID`, started `now`.
  func tellUnfinishedRunsLeft(
    besides runID: Int64, submission: Submission, model: String, now: RunMismatch.Start,
    progress: @Sendable (ScoringEvent) -> Void
  ) throws {
    for (earlier, fresh) in try store.unfinishedRuns(
      submissionHash: submission.hash, model: model) where earlier.id != runID
    {
      let mismatch = RunMismatch(
        earlier: RunMismatch.Start(
          machine: earlier.machine, configuration: earlier.configuration, fresh: fresh,
          versions: try store.problemVersions(runID: earlier.id)),
        now: now)
      if !mismatch.reasons.isEmpty {
        progress(.unfinishedRunLeft(earlier: earlier.id, run: runID, reasons: mismatch.reasons))
      }
    }
  }

  static func defaultModel(_ path: String) -> String {
    InputFile.uncompressedName(URL(fileURLWithPath: path)).deletingPathExtension()
      .lastPathComponent
  }

  /// Aggregates stored sample results into the run's metrics.
  static func metrics(_ results: [SampleResult], ks: [Int]) -> [MetricValue] {
    let grouped = Dictionary(grouping: results, by: \.problemID)
    let scores = grouped.keys.sorted().compactMap { id -> ProblemScores? in
      guard let samples = grouped[id] else { return nil }
      // A correctness-only problem stores verdicts without efficiencies: it counts for pass@k
      // alone, not as an efficiency of 0 (a pending sample still counts 0).
      let correctnessOnly =
        samples.contains { $0.verdict != nil } && samples.allSatisfy { $0.efficiency == nil }
      return ProblemScores(
        passed: samples.map { $0.passed ?? false },
        efficiencies: correctnessOnly ? nil : samples.map { $0.efficiency ?? 0 },
        dps: samples.map(\.dps), dpsNorm: samples.map(\.dpsNorm))
    }
    return aggregateMetrics(scores, ks: ks).map {
      MetricValue(
        metric: $0.metric, k: $0.k, value: $0.value, interval: $0.interval, problems: $0.problems)
    }
  }

  // MARK: - Preparation

  func prepare(
    _ problem: Problem, machineID: Int64, cpu: Int, slot: Int,
    progress: @Sendable (ScoringEvent) -> Void
  ) throws -> PreparedProblem {
    let versionID: Int64
    let testSetID: Int64
    let tests: TestSet
    if let storedID = try store.storedProblemVersionID(problem),
      let stored = try store.testSet(problemVersionID: storedID, problem: problem)
    {
      versionID = storedID
      (testSetID, tests) = stored
    } else {
      progress(.preparing(problem: problem.id, step: "generating tests"))
      let made = try TestMaterializer(scripts: scripts, launcher: launcher).materialize(
        problem, cpu: cpu, slot: slot)
      try auditChecker(problem, tests: made, cpu: cpu, slot: slot)
      // Stored once its tests are: a problem whose tests cannot be made leaves no row.
      versionID = try store.problemVersionID(problem)
      testSetID = try store.saveTestSet(made, problemVersionID: versionID)
      // Another process may have stored its tests first: theirs are the ones every run uses.
      tests = try store.testSet(problemVersionID: versionID, problem: problem)?.1 ?? made
    }
    let meter = options.meter
    var calibration =
      try store.calibration(problemVersionID: versionID, machineID: machineID, meter: meter) ?? []
    if calibration.count != problem.performanceLevels.count {
      progress(.preparing(problem: problem.id, step: "calibrating DPE levels"))
      do {
        calibration = try DPECalibrator(scripts: scripts, launcher: launcher).calibrate(
          problem, tests: tests, cpu: cpu, slot: slot, meter: meter)
      } catch {
        if let altered = tests.firstAlteredContent() { throw altered }  // the store's fault
        throw error
      }
      try store.saveCalibration(
        calibration, problemVersionID: versionID, machineID: machineID, meter: meter)
    }
    return PreparedProblem(
      problem: problem, versionID: versionID, testSetID: testSetID, tests: tests,
      calibration: calibration)
  }

  /// Refuses a custom checker that rejects the expert's answers or answers a wrong output
  /// with neither True nor False: every sample it judged would be charged with its mistake.
  /// Checked once, with the tests (a checker edited is a new problem version).
  func auditChecker(_ problem: Problem, tests: TestSet, cpu: Int, slot: Int) throws {
    guard case .custom(let path) = problem.checker else { return }
    let judge = try JudgeSession(
      scripts: scripts, launcher: launcher, checker: problem.checker, cpu: cpu, slot: slot)
    let audit = try CheckerAudit(judge: judge, tests: tests, checker: problem.checker)
    let hint = "; `brisk problem check \(problem.id)` checks the whole problem"
    if let message = audit.rejectionMessage("so no sample could be judged: fix the checker\(hint)")
      ?? audit.undecidedMessage.map({ $0 + "\n(fix the checker\(hint))" })
    {
      throw BriskError.problem(path, message)
    }
  }

  // MARK: - Measurement

  func evaluate(
    _ item: WorkItem, machineID: Int64, configurationKey: String, cache: SessionCache,
    load: HostLoadMonitor?, contents: TestContentCheck, cpu: Int, slot: Int,
    progress: @Sendable (ScoringEvent) -> Void
  ) throws {
    let started = ContinuousClock.now
    let loadFrom = HostLoadProbe.now()
    let problem = item.problem.problem
    let meter = options.meter
    let sessions = try cache.sessions(
      for: item.problem, worker: slot, scripts: scripts, launcher: launcher, cpu: cpu, meter: meter)
    let candidate = try RunnerSession(
      scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
      slot: slot, meter: meter)
    var evaluation: SampleEvaluation
    if let message = try candidate.load("sample", source: item.code, for: problem) {
      evaluation = SampleEvaluation.failed(
        .runtimeError("does not compile:\n\(message)"), problem: problem, signal: meter.signal)
    } else {
      var measurer = SampleMeasurer(
        problem: problem, tests: item.problem.tests, referenceRunner: sessions.reference,
        referenceName: "expert", sampleRunner: candidate, sampleName: "sample",
        judge: sessions.judge, policy: options.policy)
      if meter == .instructions {
        measurer.slowdown = 100
        measurer.limitConfirmations = 1
        measurer.countsInstructions = true
      }
      if item.problem.calibration.count >= 2 {
        measurer.slowestLevelRatio = item.problem.calibration.map(\.costRatio).max()
        if let levels = sessions.levels {
          measurer.levels = (levels.runner, levels.names, item.problem.calibration)
        }
      }
      let measurement = try measurer.measure()
      if case .infrastructure(let message) = measurement.verdict {
        throw BriskError("\(problem.id) sample \(item.sampleIndex): \(message)")
      }
      let costs = item.problem.calibration.map(\.costRatio)
      // DPE needs levels to place a sample among: a problem with the expert alone has none.
      // A sample within three standard errors (of its ratio and the level's), and at least
      // the configured tolerance, of a level's cost matches that level.
      let tolerances = item.problem.calibration.map { level in
        max(
          options.dpeTolerance,
          3
            * (level.relativeError * level.relativeError
            + pow(
              measurement.performance.map { $0.relativeError.isFinite ? $0.relativeError : 0 } ?? 0,
              2)).squareRoot())
      }
      let scores = Self.scores(item.problem.calibration)
      var dpe = measurement.performanceRatio.flatMap { costs.count < 2 ? nil : $0 }.map {
        matchPerformanceLevel(
          sampleCost: $0, levelCosts: costs, levelScores: scores, tolerances: tolerances)
      }
      if measurement.slowerThanEveryLevel && costs.count >= 2 {
        dpe = PerformanceLevelMatch(level: nil, normalizedScore: 0, score: 0)
      }
      if measurement.matchedDirectly {
        // Measured against the levels themselves: that placement wins over the stored costs.
        let level = measurement.matchedLevel
        let normalized = level.map { 100 * Double($0 + 1) / Double(costs.count) } ?? 0
        dpe = PerformanceLevelMatch(
          level: level, normalizedScore: normalized,
          score: level.map { scores?[$0] ?? normalized } ?? 0)
      }
      evaluation = SampleEvaluation(
        signal: meter.signal, verdict: measurement.verdict, efficiency: measurement.efficiency,
        performanceRatio: measurement.performanceRatio,
        dpe: measurement.efficiency.passed ? dpe : nil, tests: measurement.tests,
        measuresEfficiency: problem.measuresEfficiency)
    }
    // Ended before the host load's reading, so that the runner's whole CPU time is in it:
    // /proc rounds a live process's time down to whole ticks.
    candidate.end()
    let elapsed = ContinuousClock.now - started
    evaluation.elapsedSeconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    evaluation.otherCPUs = load?.otherCPUs(since: loadFrom)
    if evaluation.verdict != .passed && !evaluation.tests.isEmpty {
      // Judged wrong on a test: first make sure the test is the one generated.
      try contents.verify(item.problem.tests, id: item.problem.testSetID)
    }
    try store.saveEvaluation(
      evaluation, codeSHA256: item.codeSHA256, testSetID: item.problem.testSetID,
      machineID: machineID, configurationKey: configurationKey)
    progress(
      .sampleDone(
        problem: problem.id, sample: item.sampleIndex, verdict: evaluation.verdict.name,
        efficiency: evaluation.measuresEfficiency ? evaluation.efficiency.efficiency : nil,
        otherCPUs: evaluation.otherCPUs))
  }

  /// Declared level scores, when every level declares one.
  static func scores(_ calibration: [DPECalibration]) -> [Double]? {
    let scores = calibration.compactMap(\.score)
    return scores.count == calibration.count ? scores : nil
  }
}

extension SampleEvaluation {
  /// A sample that failed before any measurement (it does not compile).
  static func failed(_ verdict: TestVerdict, problem: Problem, signal: String) -> SampleEvaluation {
    SampleEvaluation(
      signal: signal, verdict: verdict,
      efficiency: SampleEfficiency(
        passed: false, levelEfficiencies: problem.levels.map { _ in 0 }, efficiency: 0,
        timeLimit: 0, limitLevel: nil),
      performanceRatio: nil, dpe: nil, tests: [], measuresEfficiency: problem.measuresEfficiency)
  }
}
