import ArgumentParser
import Brisk
import BriskSandbox

extension SandboxCommand {
  struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List which isolation layers are active on this machine.",
      discussion: "Exits non-zero when seccomp is unavailable: Brisk runs nothing without it."
    )

    func run() async throws {
      var diagnosis = await SandboxDoctor(sandbox: try Sandbox()).diagnose()
      // What scoring serves as /usr: a tmpfs copy keeps no trace of a call's lookups.
      let scripts = try TrustedScripts.install()
      diagnosis.checks.append(
        .init(
          name: "tmpfs copy of /usr", active: scripts.system != nil,
          detail: scripts.system.map { "\($0.root) (scoring serves it as /usr)" }
            ?? "unavailable, scoring serves the host's disk: \(scripts.systemUnavailable ?? "")",
          required: false))
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
