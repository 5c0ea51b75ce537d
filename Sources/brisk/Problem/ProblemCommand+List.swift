import ArgumentParser
import Brisk

extension ProblemCommand {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the problems of a problem set.")

    @OptionGroup var problems: ProblemSetOptions

    func run() throws {
      let loaded = try problems.loader.loadAll()
      let rows = loaded.map { problem in
        [
          problem.id, problem.title, problem.tags.joined(separator: ","),
          "\(problem.levels.count)", "\(problem.levels.map(\.tests).reduce(0, +))",
          "\(problem.performanceLevels.count)", "\(problem.knownBad.count)",
        ]
      }
      print(
        TextTable(header: ["id", "title", "tags", "levels", "tests", "dpe", "bad"], rows: rows).text
      )
      print(
        "\(loaded.count) problem\(loaded.count == 1 ? "" : "s") in \(problems.loader.problemsDirectory.path)"
      )
    }
  }
}
