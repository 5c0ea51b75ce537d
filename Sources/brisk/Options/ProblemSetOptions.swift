import ArgumentParser
import Brisk
import Foundation

/// Where the problems are: shared by every command that reads them.
struct ProblemSetOptions: ParsableArguments {
  @Option(
    name: .customLong("problems"),
    help: ArgumentHelp(
      "A problem set: a directory holding Problems/ and Generators/, or its Problems/ "
        + "(default: ./Problems).", valueName: "dir"),
    completion: .directory)
  var path: String = "Problems"

  var loader: ProblemLoader { ProblemLoader(path: path) }
}

/// How many sandboxes run at once.
struct WorkerOptions: ParsableArguments {
  @Option(
    name: .customLong("jobs"),
    help: ArgumentHelp(
      "Workers, each pinned to its own CPU (default: the CPUs this process may use).",
      valueName: "n"))
  var jobs: Int?

  var workers: Int { max(1, jobs ?? WorkerPool.availableCPUs) }

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
  }
}
