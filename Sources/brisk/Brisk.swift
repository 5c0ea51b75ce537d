import ArgumentParser
import Brisk
import BriskSandbox
import Foundation

@main
struct Brisk: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "brisk",
    abstract: "Measure how efficient code is, not only whether it is correct.",
    discussion: """
      Brisk runs submitted solutions against problems with expert references, inside a \
      seccomp sandbox, and stores pass@k, eff@k and DPE levels in SQLite.
      """,
    version: "0.1.0",
    subcommands: [
      ScoreCommand.self, ExplainCommand.self, LeaderboardCommand.self, CompareCommand.self,
      ProblemCommand.self, ImportCommand.self, SandboxCommand.self,
    ]
  )

  /// As ArgumentParser's, except that a Foundation file error left unexplained by the command
  /// is shown as its file and reason, not as "NSCocoaErrorDomain error 4".
  static func main() async {
    StandardOutput.flushEveryLine()
    do {
      var command = try parseAsRoot()
      if var asynchronous = command as? any AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: FileFailure.named(error) ?? error)
    }
  }
}
