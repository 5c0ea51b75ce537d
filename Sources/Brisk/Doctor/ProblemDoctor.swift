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

  public func check(_ problem: Problem, cpu: Int? = nil, slot: Int = 0) throws
    -> ProblemCheckSummary
  {
    var summary = ProblemCheckSummary(
      problem: problem.id, tests: 0, expertTime: nil,
      levelRatios: problem.performanceLevels.map { _ in nil }, knownBadEfficiencies: [:],
      findings: [], correctnessOnly: !problem.measuresEfficiency)
    func finding(_ file: String, level: Int? = nil, test: Int? = nil, _ message: String) {
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
    func authoringRule(_ file: String, level: Int? = nil, test: Int? = nil, _ message: String) {
      guard problem.importedFrom != nil else {
        return finding(file, level: level, test: test, message)
      }
      summary.notes.append(
        Finding(problem: problem.id, file: file, level: level, test: test, message: message))
    }
    let generatorFile = "Generators/\(problem.id).py"
    let problemFile = { (path: String) in "Problems/\(problem.id)/\(path)" }

    // Content the format asks of a finished problem (DPE levels only where efficiency counts).
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

    // 1. The generator is deterministic. A problem tested by assertions has none.
    if problem.assertions == nil {
      let generator = GeneratorDriver(scripts: scripts, launcher: launcher)
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
        return summary
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
    }

    // 2. The expert answers every test.
    let tests: TestSet
    do {
      tests = try TestMaterializer(scripts: scripts, launcher: launcher).materialize(
        problem, cpu: cpu, slot: slot)
    } catch let error as BriskError {
      finding(problemFile("reference.py"), error.message)
      return summary
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
          level.size,
          level.tests, level.weight, slowest * 1000))
    }

    let judge = try JudgeSession(
      scripts: scripts, launcher: launcher, checker: problem.checker, cpu: cpu, slot: slot)
    let checkerFile: String
    if case .custom(let path) = problem.checker {
      checkerFile = problemFile(URL(fileURLWithPath: path).lastPathComponent)
    } else {
      checkerFile = problemFile("problem.toml")
    }
    // 3. The checker accepts the expert's own answers. Once it does not, every later step
    // would only repeat that, on every level and known-bad solution: stop at one finding. A
    // custom checker must also answer a wrong output (each test is given another's answer).
    let audit = try CheckerAudit(judge: judge, tests: tests, checker: problem.checker)
    if let first = audit.rejected.first,
      let message = audit.rejectionMessage("so the rest of the check was skipped: fix the checker")
    {
      finding(checkerFile, level: first.test.level, test: first.test.index, message)
      return summary
    }
    if let undecided = audit.undecided, let message = audit.undecidedMessage {
      authoringRule(checkerFile, level: undecided.test.level, test: undecided.test.index, message)
    }

    let expert = try RunnerSession(
      scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
      slot: slot, meter: .cpuTime)
    _ = try expert.load("expert", source: problem.reference.source, for: problem)
    let generous = CallLimits(
      cpuMilliseconds: Int(problem.timeout * 1000), memoryBytes: problem.memoryBytes)

    // 4. Every reference level agrees with the checker and leaves its input alone. The expert
    // goes first: run again, it must give the answers it gave (else every level "disagrees").
    let (expertLevel, others) = (
      problem.performanceLevels.filter { $0.solution.path == "reference.py" },
      problem.performanceLevels.filter { $0.solution.path != "reference.py" }
    )
    let levels = expertLevel + others
    // Levels that fail their tests: calibrating them would only repeat the failure.
    var failingLevels = 0
    for level in levels {
      let file = problemFile(level.solution.path)
      let isExpert = level.solution.path == "reference.py"
      let runner =
        level.solution.path == "reference.py"
        ? expert
        : try RunnerSession(
          scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
          slot: slot, meter: .cpuTime)
      if let message = try runner.load("level", source: level.solution.source, for: problem) {
        finding(file, "does not compile:\n\(message)")
        failingLevels += 1
        continue
      }
      for test in tests.cases {
        let (report, verdict) = try runner.call(
          "level", arguments: test.input, limits: generous, checkMutation: true)
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
        if !accepted && isExpert {
          finding(
            file, level: test.level, test: test.index,
            "the expert answered this test differently when run again, so its answers depend on "
              + "more than the input (random numbers, time, id(), set or dict order): make it "
              + "deterministic; the rest of the check was skipped\n\(reason ?? "wrong answer")")
          return summary
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
          if isExpert {
            authoringRule(file, level: test.level, test: test.index, message)
          } else {
            finding(file, level: test.level, test: test.index, message)
          }
          break
        }
      }
    }

    // The prompt's doctest examples agree with the expert, now known to be deterministic:
    // the prompt is what a model reads.
    let examples = try PromptExamples(scripts: scripts, launcher: launcher).check(
      problem, judge: judge, cpu: cpu, slot: slot)
    if let error = examples.error {
      finding(
        problemFile("prompt.py"), "its examples could not be run:\n\(error)")
    }
    for failure in examples.failures ?? [] {
      authoringRule(problemFile("prompt.py"), failure.message)
    }
    summary.details.append(
      "prompt: \(examples.examples ?? 0) examples, \((examples.failures ?? []).count) contradicted")

    // 5 and 6 measure efficiency: a correctness-only problem (no weighted level, as HumanEval's
    // assertion tests) has no performance test and no DPE.
    if problem.measuresEfficiency,
      let performance = SampleMeasurer.performanceTest(of: tests, problem: problem),
      let performanceCase = tests.cases.first(where: {
        $0.level == performance.level && $0.index == performance.index
      })
    {
      // 5. The expert's time on the performance test sits in a useful band.
      var expertTimes: [Double] = []
      for _ in 0..<5 {
        let (report, _) = try expert.call(
          "expert", arguments: performanceCase.input, limits: generous)
        expertTimes.append(Double(report.cpuNanoseconds) / 1e9)
      }
      let expertTime = fastHalfMean(expertTimes) ?? 0
      summary.expertTime = expertTime
      summary.details.append(
        String(
          format: "performance test (level %d, case %d): expert %.2f ms", performance.level,
          performance.index, expertTime * 1000))
      let ceiling = problem.timeout / timeoutHeadroom
      if expertTime < minimumExpertTime {
        authoringRule(
          problemFile("problem.toml"), level: performance.level, test: performance.index,
          String(
            format: "the expert takes %.1f ms of CPU on the heaviest top-level test; raise the "
              + "top level's size until it takes at least %.0f ms, or timing noise decides scores",
            expertTime * 1000, minimumExpertTime * 1000))
      } else if expertTime > ceiling {
        finding(
          problemFile("problem.toml"), level: performance.level, test: performance.index,
          String(
            format: "the expert takes %.2f s on the heaviest top-level test, too close to the "
              + "%.0f s timeout; lower the top level's size", expertTime, problem.timeout))
      }

      // 6. DPE levels are ordered by cost, far enough apart to survive noise. Once a level
      // fails its tests (told above), calibrating would only say so again; the known-bad
      // solutions are still checked.
      var calibration: [DPECalibration] = []
      if failingLevels > 0 {
        summary.details.append(
          "DPE levels not calibrated: \(failingLevels) of \(levels.count) fail their tests")
      } else {
        do {
          calibration = try DPECalibrator(scripts: scripts, launcher: launcher).calibrate(
            problem, tests: tests, cpu: cpu, slot: slot)
          summary.levelRatios = calibration.map(\.costRatio)
        } catch let error as BriskError {
          // The calibrator's message starts with the level's path: the finding names that file.
          var file = problemFile("problem.toml")
          let directory = problem.directory + "/"
          if error.message.hasPrefix(directory), let end = error.message.range(of: ": ") {
            file = problemFile(String(error.message[directory.endIndex..<end.lowerBound]))
          }
          finding(file, error.message)
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
          slower.costRatio >= faster.costRatio * levelSeparation
          && slower.costRatio * (1 - 3 * slower.relativeError)
            > faster.costRatio * (1 + 3 * faster.relativeError)
        if !separated {
          finding(
            problemFile(problem.performanceLevels[index].solution.path), level: performance.level,
            test: performance.index,
            String(
              format: "costs %.2fx the expert and the next level %.2fx: levels must be strictly "
                + "slower in order, at least %.2fx apart; make it slower, drop it, or reorder [[dpe]]",
              slower.costRatio, faster.costRatio, levelSeparation))
        }
      }
    }

    // 7. Known-bad solutions are rejected, or score lower, as declared.
    for bad in problem.knownBad {
      let file = problemFile(bad.solution.path)
      guard bad.solution.source != problem.reference.source else {
        finding(file, "is the expert's own code: a known-bad solution must differ from it")
        continue
      }
      let runner = try RunnerSession(
        scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
        slot: slot, meter: .cpuTime)
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
        if measurement.efficiency.efficiency > slowerMaximumEfficiency {
          finding(
            file,
            String(
              format: "declared slower, but it scores %.2f (at most %.2f expected): make the "
                + "stress levels larger so that its extra cost shows",
              measurement.efficiency.efficiency,
              slowerMaximumEfficiency))
        }
      }
    }
    return summary
  }
}
