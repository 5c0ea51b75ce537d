import ArgumentParser
import Brisk

extension ProblemCommand {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Scaffold a problem from commented templates.",
      discussion: """
        Writes Problems/<id>/ (manifest, prompt, expert reference, DPE levels, known-bad \
        solutions) and Generators/<id>.py. The templates are a complete, working example that \
        passes `brisk problem check <id>`: reshape it into your problem, checking as you go.
        """
    )

    @OptionGroup var problems: ProblemSetOptions

    @Argument(help: "The new problem's id (lowercase letters, digits, '_' and '-').")
    var id: String

    func run() throws {
      let written = try ProblemScaffold(loader: problems.loader).create(id)
      print("Created problem \(id):")
      for path in written { print("  \(path)") }
      // The hint is a command that works as written, from where this one ran.
      let set = problems.path == "Problems" ? "" : " --problems \(problems.path)"
      print("Next: edit them, then run `brisk problem check\(set) \(id)`.")
    }
  }
}
