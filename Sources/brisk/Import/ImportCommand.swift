import ArgumentParser
import Brisk
import Foundation

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn other benchmarks' datasets into Brisk problems.",
    discussion: """
      Each importer writes a problem set: DIR/Problems/<id>/ and DIR/Generators/<id>.py. Score \
      against it with `brisk score ... --problems DIR`.
      """,
    subcommands: [Enamel.self, HumanEval.self, EvalPerf.self]
  )

  /// Where imported problems go.
  struct Output: ParsableArguments {
    @Option(
      help: ArgumentHelp(
        "The problem set to write (never the repository's own).", valueName: "dir"),
      completion: .directory)
    var out: String

    @Flag(help: "Overwrite problems of the same id.")
    var replace = false
  }

  static func report(_ ids: [String], _ output: Output) {
    print("Imported \(ids.count) problems into \(output.out)/Problems.")
    print("Score against them: brisk score <submission> --problems \(output.out)")
  }

  struct Enamel: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import ENAMEL's dataset (enamel.csv) with ENAMEL's defaults.",
      discussion: """
        Levels of 8, 4, 4 and 4 tests weighted 0, 3, 3 and 4; alpha 2; 4 GiB; ENAMEL's \
        checker; its 142-problem subset unless --all. Generators get Brisk's equivalents of \
        ENAMEL's data helpers (rand_parens, miller_rabin, ...).
        """)

    @Argument(help: "ENAMEL's enamel.csv.", completion: .file(extensions: ["csv"]))
    var csv: String

    @OptionGroup var output: Output

    @Flag(help: "All 164 problems, not ENAMEL's 142-problem subset.")
    var all = false

    func run() throws {
      ImportCommand.report(
        try EnamelImporter(includeAll: all, replace: output.replace).importDataset(
          csv, into: output.out),
        output)
    }
  }

  struct HumanEval: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "humaneval",
      abstract: "Import HumanEval as correctness-only problems judged by its own tests.")

    @Argument(help: "HumanEval.jsonl or HumanEval.jsonl.gz.", completion: .file())
    var dataset: String

    @OptionGroup var output: Output

    func run() throws {
      ImportCommand.report(
        try HumanEvalImporter(replace: output.replace).importDataset(dataset, into: output.out),
        output)
    }
  }

  struct EvalPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evalperf",
      abstract: "Import EvalPerf-style tasks: reference solutions at distinct efficiency levels.",
      discussion: "The accepted format is documented in README.md (Importers).")

    @Argument(help: "A JSON Lines file of tasks.", completion: .file())
    var tasks: String

    @OptionGroup var output: Output

    func run() throws {
      ImportCommand.report(
        try EvalPerfImporter(replace: output.replace).importTasks(tasks, into: output.out), output)
    }
  }
}
