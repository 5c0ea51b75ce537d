import ArgumentParser

struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "Run a program the way Brisk runs candidates, and check the sandbox's layers.",
    subcommands: [Exec.self, Doctor.self]
  )
}
