import ArgumentParser
import Brisk

extension ProblemCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one problem in full.")

    @OptionGroup var problems: ProblemSetOptions

    @Argument(help: "The problem's id.")
    var id: String

    func run() throws {
      let problem = try problems.loader.load(id)
      print("\(problem.id): \(problem.title)")
      print("tags        \(problem.tags.joined(separator: ", "))")
      print("entry point \(problem.entryPoint)")
      print("checker     \(Self.label(problem.checker))")
      print(
        "alpha       \(problem.alpha)   memory \(problem.memoryBytes >> 20) MiB   timeout \(problem.timeout) s"
      )
      print(
        "time limit  T = alpha x the expert's largest time over weighted levels; a call beyond "
          + "T + \(String(format: "%g", problem.limitSlack * 1000)) ms is a time limit"
          + (problem.overflowIsLimit ? "; an OverflowError on a stress test counts as a limit" : "")
      )
      print("seed        \(problem.seed)")
      print("version     \(problem.version.prefix(16))")
      if problem.assertions != nil {
        print(
          "tests       assertions: the [tests] file's check(candidate) passes or fails the "
            + "solution (one test, no generator, no efficiency)")
      } else {
        print("generator   \(problem.generatorPath)")
      }
      print("\nlevels")
      print(
        TextTable(
          header: ["level", "size", "tests", "weight"],
          rows: problem.levels.enumerated().map {
            ["\($0.offset)", "\($0.element.size)", "\($0.element.tests)", "\($0.element.weight)"]
          }
        ).text)
      print("\nDPE levels (slow to fast)")
      for (index, level) in problem.performanceLevels.enumerated() {
        print("  \(index)  \(level.solution.path)\(level.score.map { "  score \($0)" } ?? "")")
      }
      print("\nknown-bad solutions")
      for bad in problem.knownBad {
        print(
          "  \(bad.expectation.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(bad.solution.path)\(bad.why.map { "  (\($0))" } ?? "")"
        )
      }
      print("\nprompt\n\(problem.prompt)")
    }

    static func label(_ checker: CheckerKind) -> String {
      switch checker {
      case .exact: "exact"
      case .float(let tolerance): "float, tolerance \(tolerance)"
      case .unordered: "unordered"
      case .custom(let path): "custom, \(path)"
      }
    }
  }
}
