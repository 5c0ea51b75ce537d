import ArgumentParser
import Brisk
import BriskSandbox
import Foundation

extension ProblemCommand {
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The problem doctor: check that problems measure what they claim.",
      discussion: """
        For each problem: the generator is deterministic; the expert answers every test; the \
        checker accepts the expert's answers; every DPE level passes every test and leaves \
        its input alone; the expert takes at least 20 ms on the heaviest top-level test and \
        stays well under the timeout; DPE levels are ordered by cost at least 1.25x apart; \
        every known-bad solution is rejected or scores lower, as declared. Each finding names \
        the problem, file, level and case and says what to change. Exits 1 on any finding.
        """
    )

    @OptionGroup var problems: ProblemSetOptions
    @OptionGroup var workers: WorkerOptions

    @Flag(help: "Check every problem of the set.")
    var all = false

    @Flag(
      name: .shortAndLong,
      help:
        "Also print what was measured: expert times per level, DPE level costs, known-bad scores.")
    var verbose = false

    @Argument(help: "Problem ids to check.")
    var ids: [String] = []

    func validate() throws {
      if all != ids.isEmpty {
        throw ValidationError("Name problems to check, or pass --all (not both).")
      }
    }

    func run() async throws {
      let loader = problems.loader
      let selected = all ? try loader.ids() : ids
      // A manifest that does not load is a finding of its problem; the others are still checked.
      var loaded: [Problem] = []
      var unloadable: [String] = []
      for id in selected {
        do {
          loaded.append(try loader.load(id))
        } catch let error as BriskError {
          unloadable.append("FAIL  \(id)  \(error.message)")
        }
      }
      let doctor = ProblemDoctor(
        scripts: try TrustedScripts.installForCommand(), launcher: try Launcher.locate())
      let pool = WorkerPool(workers: workers.workers)
      let cpus = WorkerPool.availableCPUs
      let busy = max(1, min(pool.workers, loaded.count))  // a worker without a problem idles
      print(
        "Checking \(selected.count) problem\(selected.count == 1 ? "" : "s") on \(busy) worker\(busy == 1 ? "" : "s")..."
      )
      let results = await pool.map(loaded) { problem, worker in
        try doctor.check(problem, cpu: worker % cpus, slot: worker)
      }
      var findings = unloadable.count
      for line in unloadable { print(line) }
      for (problem, result) in zip(loaded, results) {
        switch result {
        case .success(let summary):
          findings += summary.findings.count
          print(Self.line(summary))
          if verbose { for line in summary.details { print("      \(line)") } }
          // A finding's later lines (a traceback, a reason's arguments) stay under it.
          for finding in summary.findings {
            print("  " + finding.description.replacingOccurrences(of: "\n", with: "\n    "))
          }
          if !summary.notes.isEmpty, let origin = problem.importedFrom {
            print("  note: imported from \(origin), so Brisk's rules for its own problems inform:")
            for note in summary.notes {
              print("    " + note.description.replacingOccurrences(of: "\n", with: "\n      "))
            }
          }
        case .failure(let error):
          findings += 1
          print("FAIL  \(problem.id)  could not be checked: \(error)")
        }
      }
      if findings > 0 {
        print("\(findings) finding\(findings == 1 ? "" : "s").")
        throw ExitCode.failure
      }
      print(loaded.count == 1 ? "\(loaded[0].id) passes." : "All \(loaded.count) problems pass.")
    }

    static func line(_ summary: ProblemCheckSummary) -> String {
      let status = summary.findings.isEmpty ? "ok  " : "FAIL"
      let expert =
        summary.expertTime.map { String(format: "expert %.1f ms", $0 * 1000) } ?? "expert -"
      let levels = summary.levelRatios.map { $0.map { String(format: "%.2fx", $0) } ?? "-" }
        .joined(separator: " ")
      let slower = summary.knownBadEfficiencies.sorted { $0.key < $1.key }
        .map { String(format: "%.2f", $0.value) }.joined(separator: " ")
      let measured =
        summary.correctnessOnly ? "correctness only" : "\(expert), levels \(levels)"
      let tests = "\(summary.tests) test\(summary.tests == 1 ? "" : "s")"
      let known = slower.isEmpty ? "" : ", slower known-bad eff \(slower)"
      return "\(status)  \(summary.problem)  \(tests), \(measured)\(known)"
    }
  }
}
