import ArgumentParser
import Brisk
import Foundation

/// Where the problems are: shared by every command that reads them.
struct ProblemSetOptions: ParsableArguments {
  @Option(
    name: .customLong("problems"),
    help: ArgumentHelp(
      "A problem set: a directory holding Problems/ and Generators/, or its Problems/.",
      valueName: "dir"),
    completion: .directory)
  var path: String = "Problems"

  var loader: ProblemLoader { ProblemLoader(path: path) }
}

/// How many sandboxes run at once.
struct WorkerOptions: ParsableArguments {
  @Option(
    name: .customLong("jobs"),
    help: ArgumentHelp(
      "Workers, each pinned to its own CPU (default and most: the CPUs this process may use).",
      valueName: "n"))
  var jobs: Int?

  var workers: Int { max(1, jobs ?? WorkerPool.availableCPUs) }

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    let cpus = WorkerPool.availableCPUs
    if let jobs, jobs > cpus {
      // Two workers on one CPU would each time the other's calls as their own.
      throw ValidationError(
        "--jobs \(jobs): this process may use \(cpus) CPU\(cpus == 1 ? "" : "s"), and each worker "
          + "needs one of its own, or workers time each other's calls; use at most \(cpus).")
    }
  }
}
