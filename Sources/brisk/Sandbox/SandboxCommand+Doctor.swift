import ArgumentParser
import BriskSandbox

extension SandboxCommand {
  struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List which isolation layers are active on this machine.",
      discussion: "Exits non-zero when seccomp is unavailable: Brisk runs nothing without it."
    )

    func run() async throws {
      let diagnosis = await SandboxDoctor(sandbox: try Sandbox()).diagnose()
      let width = diagnosis.checks.map(\.name.count).max() ?? 0
      for check in diagnosis.checks {
        let mark = check.active ? "yes" : (check.required ? "NO " : "no ")
        print(
          "\(mark)  \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.detail)"
        )
      }
      if !diagnosis.seccompAvailable { throw ExitCode.failure }
    }
  }
}
