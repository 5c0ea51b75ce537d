import ArgumentParser

struct ProblemCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "problem",
    abstract: "Add, inspect and validate problems.",
    subcommands: [New.self, List.self, Show.self, Check.self]
  )
}
