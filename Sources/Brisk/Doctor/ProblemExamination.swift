import BriskMetrics
import BriskSandbox
import Foundation

/// One run of the problem doctor over one problem: its steps in order, each adding findings
/// (or, on an imported problem, notes for Brisk's authoring rules) and details to the summary.
struct ProblemExamination {
  let doctor: ProblemDoctor
  let problem: Problem
  let cpu: Int?
  let slot: Int
  private(set) var summary: ProblemCheckSummary

  init(doctor: ProblemDoctor, problem: Problem, cpu: Int?, slot: Int) {
    self.doctor = doctor
    self.problem = problem
    self.cpu = cpu
    self.slot = slot
    summary = ProblemCheckSummary(
      problem: problem.id, tests: 0, expertTime: nil,
      levelRatios: problem.performanceLevels.map { _ in nil }, knownBadEfficiencies: [:],
      findings: [], correctnessOnly: !problem.measuresEfficiency)
  }

  mutating func run() throws {
    checkDeclaredContent()
    guard try generatorIsDeterministic(), let tests = try expertAnswers() else { return }
    let judge = try JudgeSession(
      scripts: doctor.scripts, launcher: doctor.launcher, checker: problem.checker, cpu: cpu,
      slot: slot)
    guard try checkerAcceptsTheExpert(tests, judge: judge) else { return }
    let expert = try runner()
    _ = try expert.load("expert", source: problem.reference.source, for: problem)
    guard let failingLevels = try levelsAgree(tests, judge: judge, expert: expert) else { return }
    try promptExamplesHold(judge: judge)
    // 5 and 6 measure efficiency: a correctness-only problem (no weighted level, as HumanEval's
    // assertion tests) has no performance test and no DPE.
    if problem.measuresEfficiency,
      let performance = SampleMeasurer.performanceTest(of: tests, problem: problem),
      let performanceCase = tests.cases.first(where: {
        $0.level == performance.level && $0.index == performance.index
      })
    {
      try expertTimeIsInBand(performanceCase, expert: expert)
      try levelsAreSeparated(tests, failingLevels: failingLevels, performance: performanceCase)
    }
    try knownBadSolutionsAreCaught(tests, judge: judge, expert: expert)
  }

  // MARK: - Findings

  private var generatorFile: String { "Generators/\(problem.id).py" }

  private func problemFile(_ path: String) -> String { "Problems/\(problem.id)/\(path)" }

  private mutating func finding(
    _ file: String, level: Int? = nil, test: Int? = nil, _ message: String
  ) {
    // A BriskError starts with the file's full path, which the finding names already.
    var message = message
    if let separator = message.range(of: ": "),
      message[..<separator.lowerBound].hasSuffix("/" + file)
    {
      message = String(message[separator.upperBound...])
    }
    // A traceback ends with a newline, which would print as an empty indented line.
    while message.last?.isWhitespace == true { message.removeLast() }
    summary.findings.append(
      Finding(problem: problem.id, file: file, level: level, test: test, message: message))
  }

  /// A rule for Brisk's own problems: a note on an imported one.
  private mutating func authoringRule(
    _ file: String, level: Int? = nil, test: Int? = nil, _ message: String
  ) {
    guard problem.importedFrom != nil else {
      return finding(file, level: level, test: test, message)
    }
    summary.notes.append(
      Finding(problem: problem.id, file: file, level: level, test: test, message: message))
  }

  private func runner() throws -> RunnerSession {
    try RunnerSession(
      scripts: doctor.scripts, launcher: doctor.launcher, memoryLimitBytes: problem.memoryBytes,
      cpu: cpu, slot: slot, meter: .cpuTime)
  }

  private var generousLimits: CallLimits {
    CallLimits(cpuMilliseconds: Int(problem.timeout * 1000), memoryBytes: problem.memoryBytes)
  }

  // MARK: - Steps

  /// Content the format asks of a finished problem (DPE levels only where efficiency counts).
  private mutating func checkDeclaredContent() {
    if problem.measuresEfficiency && problem.performanceLevels.count < 3 {
      authoringRule(
        problemFile("problem.toml"),
        "declare at least three [[dpe]] levels of distinct efficiency (slow to fast, ending with "
          + "reference.py); there are \(problem.performanceLevels.count)")
    }
    if problem.knownBad.count < 2 {
      authoringRule(
        problemFile("problem.toml"),
        "declare at least two [[known_bad]] solutions (a wrong one and a correct-but-slow one)")
    }
  }

  /// 1. The generator is deterministic, and each level's tests differ. A problem tested by
  /// assertions has none. False when the generator did not run.
  private mutating func generatorIsDeterministic() throws -> Bool {
    guard problem.assertions == nil else { return true }
    let generator = GeneratorDriver(scripts: doctor.scripts, launcher: doctor.launcher)
    let first: [(level: Int, index: Int, seed: UInt64, input: [UInt8])]
    do {
      first = try generator.inputs(for: problem, cpu: cpu)
      let second = try generator.inputs(for: problem, cpu: cpu)
      for (a, b) in zip(first, second) where a.input != b.input {
        finding(
          generatorFile, level: a.level, test: a.index,
          "two runs gave different inputs: draw every random choice from the rng argument "
            + "(or the seeded random module), never from time, ids or set order")
      }
    } catch let error as BriskError {
      finding(generatorFile, error.message)
      return false
    }
    // A level whose tests are all one input tests one thing, however many it declares.
    for (index, level) in problem.levels.enumerated() where level.tests > 1 {
      let inputs = first.filter { $0.level == index }.map(\.input)
      if inputs.count > 1 && Set(inputs).count == 1 {
        authoringRule(
          generatorFile, level: index,
          "all \(inputs.count) tests of this level have the same input: let generate() use "
            + "case and rng so that each test differs")
      }
    }
    return true
  }

  /// 2. The expert answers every test, and not always with one answer. Nil when it does not.
  private mutating func expertAnswers() throws -> TestSet? {
    let tests: TestSet
    do {
      tests = try TestMaterializer(scripts: doctor.scripts, launcher: doctor.launcher)
        .materialize(problem, cpu: cpu, slot: slot)
    } catch let error as BriskError {
      finding(problemFile("reference.py"), error.message)
      return nil
    }
    summary.tests = tests.cases.count
    // Tests that all share one answer pass a solution that only returns it.
    if tests.cases.count > 1, let answer = tests.cases.first?.expected,
      tests.cases.allSatisfy({ $0.expected == answer })
    {
      let shown = String(decoding: answer.prefix(60), as: UTF8.self)
      authoringRule(
        generatorFile,
        "the expert gives the same answer (\(shown)\(answer.count > 60 ? "..." : "")) on all "
          + "\(tests.cases.count) tests, so a solution that only returns it passes: generate "
          + "inputs whose answers differ")
    }
    for (index, level) in problem.levels.enumerated() {
      let slowest = tests.cases(level: index).map(\.baselineTime).max() ?? 0
      summary.details.append(
        String(
          format: "level %d (size %d, %d tests, weight %g): expert up to %.2f ms", index,
          level.size, level.tests, level.weight, slowest * 1000))
    }
    return tests
  }

  /// 3. The checker accepts the expert's own answers. Once it does not, every later step
  /// would only repeat that, on every level and known-bad solution: false, to stop at one
  /// finding. A custom checker must also answer a wrong output (each test is given another's
  /// answer).
  private mutating func checkerAcceptsTheExpert(_ tests: TestSet, judge: JudgeSession) throws
    -> Bool
  {
    let checkerFile: String
    if case .custom(let path) = problem.checker {
      checkerFile = problemFile(URL(fileURLWithPath: path).lastPathComponent)
    } else {
      checkerFile = problemFile("problem.toml")
    }
    let audit = try CheckerAudit(judge: judge, tests: tests, checker: problem.checker)
    if let first = audit.rejected.first,
      let message = audit.rejectionMessage("so the rest of the check was skipped: fix the checker")
    {
      finding(checkerFile, level: first.test.level, test: first.test.index, message)
      return false
    }
    if let undecided = audit.undecided, let message = audit.undecidedMessage {
      authoringRule(checkerFile, level: undecided.test.level, test: undecided.test.index, message)
    }
    return true
  }

  /// 4. Every reference level agrees with the checker and leaves its input alone. The expert
  /// goes first: run again, it must give the answers it gave (else every level "disagrees"),
  /// and nil ends the check when it does not. Otherwise, how many levels fail their tests.
  private mutating func levelsAgree(
    _ tests: TestSet, judge: JudgeSession, expert: RunnerSession
  ) throws -> Int? {
    let isExpert = { (level: PerformanceLevel) in level.solution.path == "reference.py" }
    let levels =
      problem.performanceLevels.filter(isExpert)
      + problem.performanceLevels.filter { !isExpert($0) }
    var failingLevels = 0
    for level in levels {
      let file = problemFile(level.solution.path)
      let runner = isExpert(level) ? expert : try runner()
      if let message = try runner.load("level", source: level.solution.source, for: problem) {
        finding(file, "does not compile:\n\(message)")
        failingLevels += 1
        continue
      }
      for test in tests.cases {
        let (report, verdict) = try runner.call(
          "level", arguments: test.input, limits: generousLimits, checkMutation: true)
        guard verdict == .returned else {
          finding(
            file, level: test.level, test: test.index,
            "a reference level must pass every test, but it ended with \(verdict.name)"
              + (report.message.map { ":\n\($0.suffix(800))" } ?? ""))
          failingLevels += 1
          break
        }
        let (accepted, reason) = try judge.check(
          arguments: test.input, expected: test.expected, output: report.output)
        if !accepted && isExpert(level) {
          finding(
            file, level: test.level, test: test.index,
            "the expert answered this test differently when run again, so its answers depend on "
              + "more than the input (random numbers, time, id(), set or dict order): make it "
              + "deterministic; the rest of the check was skipped\n\(reason ?? "wrong answer")")
          return nil
        }
        if !accepted {
          finding(
            file, level: test.level, test: test.index,
            "disagrees with the expert, fix it or the expert:\n\(reason ?? "wrong answer")")
          failingLevels += 1
          break
        }
        if report.mutated == true {
          let message =
            "mutates its arguments: copy them first. Brisk's scores are unaffected (every call "
            + "gets its own copy), but a harness that times calls in one process, as ENAMEL and "
            + "EvalPerf do, would give later calls the changed values"
          if isExpert(level) {
            authoringRule(file, level: test.level, test: test.index, message)
          } else {
            finding(file, level: test.level, test: test.index, message)
          }
          break
        }
      }
    }
    return failingLevels
  }

  /// The prompt's doctest examples agree with the expert, now known to be deterministic: the
  /// prompt is what a model reads.
  private mutating func promptExamplesHold(judge: JudgeSession) throws {
    let examples = try PromptExamples(scripts: doctor.scripts, launcher: doctor.launcher).check(
      problem, judge: judge, cpu: cpu, slot: slot)
    if let error = examples.error {
      finding(problemFile("prompt.py"), "its examples could not be run:\n\(error)")
    }
    for failure in examples.failures ?? [] {
      authoringRule(problemFile("prompt.py"), failure.message)
    }
    summary.details.append(
      "prompt: \(examples.examples ?? 0) examples, \((examples.failures ?? []).count) contradicted")
  }

  /// 5. The expert's time on the performance test sits in a useful band.
  private mutating func expertTimeIsInBand(_ performance: TestCase, expert: RunnerSession)
    throws
  {
    var expertTimes: [Double] = []
    for _ in 0..<5 {
      let (report, _) = try expert.call(
        "expert", arguments: performance.input, limits: generousLimits)
      expertTimes.append(Double(report.cpuNanoseconds) / 1e9)
    }
    let expertTime = fastHalfMean(expertTimes) ?? 0
    summary.expertTime = expertTime
    summary.details.append(
      String(
        format: "performance test (level %d, case %d): expert %.2f ms", performance.level,
        performance.index, expertTime * 1000))
    let ceiling = problem.timeout / doctor.timeoutHeadroom
    if expertTime < doctor.minimumExpertTime {
      authoringRule(
        problemFile("problem.toml"), level: performance.level, test: performance.index,
        String(
          format: "the expert takes %.1f ms of CPU on the heaviest top-level test; raise the "
            + "top level's size until it takes at least %.0f ms, or timing noise decides scores",
          expertTime * 1000, doctor.minimumExpertTime * 1000))
    } else if expertTime > ceiling {
      finding(
        problemFile("problem.toml"), level: performance.level, test: performance.index,
        String(
          format: "the expert takes %.2f s on the heaviest top-level test, too close to the "
            + "%.0f s timeout; lower the top level's size", expertTime, problem.timeout))
    }
  }

  /// 6. DPE levels are ordered by cost, far enough apart to survive noise. Once a level fails
  /// its tests (told in step 4), calibrating would only say so again; the known-bad solutions
  /// are still checked.
  private mutating func levelsAreSeparated(
    _ tests: TestSet, failingLevels: Int, performance: TestCase
  ) throws {
    var calibration: [DPECalibration] = []
    if failingLevels > 0 {
      summary.details.append(
        "DPE levels not calibrated: \(failingLevels) of \(problem.performanceLevels.count) fail "
          + "their tests")
    } else {
      do {
        calibration = try DPECalibrator(scripts: doctor.scripts, launcher: doctor.launcher)
          .calibrate(problem, tests: tests, cpu: cpu, slot: slot)
        summary.levelRatios = calibration.map(\.costRatio)
      } catch let error as BriskError {
        // The calibrator's message starts with the level's path: the finding names that file.
        let message = error.message
        var file = problemFile("problem.toml")
        let directory = problem.directory + "/"
        if message.hasPrefix(directory), let end = message.range(of: ": ") {
          file = problemFile(String(message[directory.endIndex..<end.lowerBound]))
        }
        finding(file, message)
      }
    }
    for level in calibration {
      summary.details.append(
        String(
          format: "DPE %@: %.2fx the expert (±%.1f%%)", level.file, level.costRatio,
          level.relativeError * 100))
    }
    for (index, pair) in zip(calibration, calibration.dropFirst()).enumerated() {
      let (slower, faster) = pair
      let separated =
        slower.costRatio >= faster.costRatio * doctor.levelSeparation
        && slower.costRatio * (1 - 3 * slower.relativeError)
          > faster.costRatio * (1 + 3 * faster.relativeError)
      if !separated {
        finding(
          problemFile(problem.performanceLevels[index].solution.path), level: performance.level,
          test: performance.index,
          String(
            format: "costs %.2fx the expert and the next level %.2fx: levels must be strictly "
              + "slower in order, at least %.2fx apart; make it slower, drop it, or reorder [[dpe]]",
            slower.costRatio, faster.costRatio, doctor.levelSeparation))
      }
    }
  }

  /// 7. Known-bad solutions are rejected, or score lower, as declared.
  private mutating func knownBadSolutionsAreCaught(
    _ tests: TestSet, judge: JudgeSession, expert: RunnerSession
  ) throws {
    for bad in problem.knownBad {
      let file = problemFile(bad.solution.path)
      guard bad.solution.source != problem.reference.source else {
        finding(file, "is the expert's own code: a known-bad solution must differ from it")
        continue
      }
      let runner = try runner()
      // A solution that cannot even be called proves nothing about the tests.
      if let message = try runner.load("bad", source: bad.solution.source, for: problem) {
        finding(
          file,
          "does not compile, so the tests never see it: a known-bad solution must be a real "
            + "attempt\n\(message)")
        continue
      }
      let measurement = try SampleMeasurer(
        problem: problem, tests: tests, referenceRunner: expert, referenceName: "expert",
        sampleRunner: runner, sampleName: "bad", judge: LazyJudge(session: judge)
      ).measure()
      let failing = measurement.tests.first { $0.verdict != .passed }
      let levels = measurement.efficiency.levelEfficiencies.map { String(format: "%.2f", $0) }
        .joined(separator: " ")
      summary.details.append(
        "known-bad \(bad.solution.path) (\(bad.expectation.rawValue)): \(measurement.verdict.name), "
          + String(format: "efficiency %.2f", measurement.efficiency.efficiency)
          + " [levels \(levels)]"
          + (failing.map { " at level \($0.level), case \($0.index): \($0.verdict.name)" } ?? ""))
      let calledNothing = measurement.tests.contains {
        if case .runtimeError(let message) = $0.verdict {
          return message.contains("the solution defines no function named")
        }
        return false
      }
      if calledNothing {
        finding(
          file,
          "defines no function \(problem.entryPoint), so it fails without the tests telling it "
            + "apart: a known-bad solution must be a real attempt at the problem")
        continue
      }
      switch bad.expectation {
      case .rejected:
        if measurement.verdict == .passed {
          finding(
            file,
            String(
              format: "declared rejected, but it passes every test (efficiency %.2f): add a "
                + "test case that catches it, or, if it is in fact correct, declare it slower "
                + "or remove it", measurement.efficiency.efficiency))
        }
      case .slower:
        if measurement.verdict != .passed && !measurement.verdict.isLimit {
          finding(
            file,
            "declared slower, but it fails (\(measurement.verdict.name)"
              + (failing.map { " at level \($0.level), case \($0.index)" } ?? "")
              + "): a slower solution must be correct; declare it rejected or fix it")
          continue
        }
        summary.knownBadEfficiencies[bad.solution.path] = measurement.efficiency.efficiency
        if measurement.efficiency.efficiency > doctor.slowerMaximumEfficiency {
          finding(
            file,
            String(
              format: "declared slower, but it scores %.2f (at most %.2f expected): make the "
                + "stress levels larger so that its extra cost shows",
              measurement.efficiency.efficiency, doctor.slowerMaximumEfficiency))
        }
      }
    }
  }
}
