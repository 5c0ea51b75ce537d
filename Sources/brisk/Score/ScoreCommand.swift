import ArgumentParser
import Brisk
import BriskMetrics
import BriskSandbox
import Foundation

struct ScoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score a folder of submitted solutions: pass@k, eff@k and DPE, stored in SQLite.",
    discussion: """
      The submission is a directory <dir>/<problem-id>/<n>.py, a JSONL file (task_id with \
      solution or completion), or ENAMEL's JSON; an optional submission.toml (or <file>.toml) \
      names the model (model = "...") and decoding settings ([decoding]). Every sample runs in \
      the sandbox against the expert, interleaved and repeated until stable. Results go to the \
      store: rerunning the same command resumes an interrupted run, and code already measured \
      in that store on this machine, against the same tests and settings, is not run again.
      """
  )

  @Argument(
    help: "The submission: a directory, a .jsonl file, or ENAMEL's JSON.", completion: .file())
  var submission: String

  @OptionGroup var problems: ProblemSetOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var workers: WorkerOptions

  @Option(
    name: .customLong("k"),
    help: ArgumentHelp("The k values of pass@k and eff@k.", valueName: "k,k,..."))
  var ks: String = "1,10,100"

  @Option(help: "The model's name (default: from submission.toml, else the submission's name).")
  var model: String?

  @Flag(
    help: ArgumentHelp(
      "Measure again even what the store already holds, as a new run (an interrupted one is "
        + "taken up)."))
  var fresh = false

  @Flag(
    help: ArgumentHelp(
      "Leave out samples of problems the set lacks (with a warning) instead of stopping; "
        + "for ENAMEL's JSON, which covers all 164 problems."))
  var skipUnknown = false

  @Option(
    help: ArgumentHelp(
      "What to count: cpu (kernel-accounted CPU time, the default) or instructions (valgrind's "
        + "callgrind around each call: identical across reruns, about 50x slower).",
      valueName: "meter"))
  var meter: Meter = .cpuTime

  @Option(
    help: ArgumentHelp(
      "Measure every stress test exactly this many times, 1 to 100 (expert and sample each), "
        + "instead of adaptively until the ratio is stable (the default: 3 to 10 times, up to 20 "
        + "near the limit).",
      valueName: "n"))
  var repetitions: Int?

  func validate() throws {
    if let repetitions, !(1...Self.maximumRepetitions).contains(repetitions) {
      throw ValidationError(
        "--repetitions takes 1 to \(Self.maximumRepetitions) (the adaptive rule stops at 10, "
          + "or 20 near the limit); to measure variation between runs, score again with --fresh.")
    }
    if let model, model.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError(
        "--model needs a name; leave it out to take the manifest's or the folder's.")
    }
    guard parsedKs != nil else {
      throw ValidationError("--k takes positive integers separated by commas, e.g. 1,10,100.")
    }
  }

  /// The most repetitions `--repetitions` takes: 1,000 would run for days on ENAMEL's set.
  static let maximumRepetitions = 100

  var parsedKs: [Int]? { KValues.parse(ks) }

  func run() async throws {
    let loaded = try problems.loader.loadAll()
    guard !loaded.isEmpty else {
      throw ValidationError("\(problems.loader.problemsDirectory.path) holds no problems.")
    }
    let prompts = Dictionary(
      loaded.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
    var submitted = try SubmissionLoader(prompt: { prompts[$0] }).load(submission)
    if !submitted.ignored.isEmpty {
      let listed = submitted.ignored.prefix(5).joined(separator: ", ")
      let more = submitted.ignored.count > 5 ? ", ..." : ""
      FileHandle.standardError.write(
        Data(
          ("warning: \(submission): left out \(submitted.ignored.count) entr"
            + "\(submitted.ignored.count == 1 ? "y" : "ies") that \(submitted.ignored.count == 1 ? "is" : "are") not "
            + "<problem-id>/<n>.py samples: \(listed)\(more)\n").utf8))
    }
    var check = SubmissionCheck(submission: submitted, problemIDs: loaded.map(\.id))
    if skipUnknown && !check.unknownProblems.isEmpty {
      FileHandle.standardError.write(
        Data(
          "warning: left out \(check.unknownProblems.count) problems the set lacks: \(SubmissionCheck.list(check.unknownProblems))\n"
            .utf8))
      for id in check.unknownProblems { submitted.samples[id] = nil }
      check = SubmissionCheck(submission: submitted, problemIDs: loaded.map(\.id))
      guard !submitted.samples.isEmpty else {
        throw BriskError(
          "\(submission): no sample is for a problem in \(problems.loader.problemsDirectory.path), "
            + "so there is nothing to score: check --problems")
      }
    }
    if !check.unknownProblems.isEmpty {
      throw BriskError(
        "\(submission): \(check.unknownProblems.count) problem\(check.unknownProblems.count == 1 ? " is" : "s are") "
          + "not in \(problems.loader.problemsDirectory.path): \(SubmissionCheck.list(check.unknownProblems)). "
          + "Check --problems, remove them from the submission, or pass --skip-unknown.")
    }
    let requested = parsedKs ?? [1]
    for warning in check.warnings(requestedK: requested) {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    let reportable = check.reportable(requested)
    if let reason = meter.unavailableReason { throw BriskError(reason) }
    if meter == .instructions {
      // Hardware counters, where they exist, count interrupts and speculation too: their
      // totals move between reruns. valgrind's do not, so Brisk counts with valgrind.
      let note =
        HardwareCounters.available
        ? "note: counting instructions with valgrind (hardware counters differ between reruns)"
        : "note: no hardware performance counters here (no PMU); counting instructions with valgrind"
      FileHandle.standardError.write(Data((note + ".\n").utf8))
    }
    let printer = ProgressPrinter()
    let notice = InterruptNotice {
      printer.interrupted(
        resumeHint: "Run the same command again to resume; what is stored is not measured again.")
    }
    defer { withExtendedLifetime(notice) {} }
    let scorer = Scorer(
      store: try store.open(), scripts: try TrustedScripts.installForCommand(),
      launcher: try Launcher.locate(),
      options: ScoringOptions(
        workers: workers.workers, ks: reportable, model: model, reuseEvaluations: !fresh,
        policy: repetitions.map {
          RepetitionPolicy(minimum: $0, maximum: $0, nearThresholdMaximum: $0)
        } ?? RepetitionPolicy(), meter: meter))
    let report: ScoringReport
    do {
      report = try await scorer.score(submitted, problems: loaded, progress: printer.handle)
    } catch {
      throw BriskStore.described(error, path: store.path) ?? error
    }
    if report.pending == 0 { printer.finished() }
    print(ScoreSummary(report: report, submission: submitted, database: store.path).text)
    if let load = HostLoadSummary(report.results), load.isContended {
      FileHandle.standardError.write(Data("warning: \(load.warning)\n".utf8))
    }
    if report.pending > 0 {
      FileHandle.standardError.write(
        Data(
          "\(report.pending) sample(s) could not be measured; run the same command again to finish.\n"
            .utf8))
      throw ExitCode.failure
    }
  }
}
