import ArgumentParser

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
}
