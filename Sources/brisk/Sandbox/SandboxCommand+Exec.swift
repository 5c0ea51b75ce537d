import ArgumentParser
import BriskSandbox
import Foundation

extension SandboxCommand {
  struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run one program in the sandbox and print how it ended.",
      discussion: """
        The program sees /usr read-only, a private /tmp as its working directory, and the \
        files named on its command line (read-only, at their absolute paths); nothing else of \
        this machine. The program's output is printed, then the outcome on standard error. \
        Exit status: 0 when the verdict is ok, 1 otherwise.

        Example: brisk sandbox exec --policy python --cpu 2 -- python3.11 solution.py
        """
    )

    @Option(help: "Syscall policy: python (CPython 3.11) or native (compiled programs).")
    var policy: ExecPolicy = .native

    @Option(help: ArgumentHelp("CPU-time limit.", valueName: "seconds"))
    var cpu: Double = 10

    @Option(help: ArgumentHelp("Wall-clock limit.", valueName: "seconds"))
    var wall: Double = 20

    @Option(help: ArgumentHelp("Memory (address space) limit.", valueName: "MiB"))
    var memory: Int = 1024

    @Option(
      name: .customLong("ro"),
      help: ArgumentHelp("Also expose this path read-only at the same place.", valueName: "path"),
      completion: .file())
    var exposed: [String] = []

    @Flag(help: "Print one JSON object (a stable interface; see README) instead of a summary.")
    var json = false

    @Argument(parsing: .postTerminator, help: "The program and its arguments, after --.")
    var command: [String] = []

    func validate() throws {
      guard !command.isEmpty else { throw ValidationError("Give the program to run after --.") }
      guard cpu > 0, wall > 0, memory > 0 else {
        throw ValidationError("--cpu, --wall and --memory must be positive.")
      }
    }

    func run() async throws {
      let files = FileManager.default
      var arguments = Array(command.dropFirst())
      var exposedPaths = try exposed.map { path -> ExposedPath in
        guard files.fileExists(atPath: path) else {
          throw ValidationError("--ro \(path): no such file or directory")
        }
        return ExposedPath(absolute(path))
      }
      // Arguments naming existing files are exposed and passed as absolute paths, so that
      // `python3.11 solution.py` works from any directory.
      for (index, argument) in arguments.enumerated() where isRegularFile(argument) {
        let path = absolute(argument)
        arguments[index] = path
        // Mounting a file twice, or inside a directory already mounted read-only, fails.
        let covered = exposedPaths.contains {
          $0.source == path
            || path.hasPrefix($0.source.hasSuffix("/") ? $0.source : $0.source + "/")
        }
        if !covered { exposedPaths.append(ExposedPath(path)) }
      }
      let invocation = SandboxInvocation(
        program: command[0], arguments: arguments, policy: policy.sandboxPolicy,
        limits: SandboxLimits(
          cpuTime: .milliseconds(Int64((cpu * 1000).rounded(.up))),
          wallTime: .milliseconds(Int64((wall * 1000).rounded(.up))),
          memoryBytes: memory << 20),
        standardInput: .inherited, exposedPaths: exposedPaths)
      let outcome = try await Sandbox().run(invocation)
      if json {
        print(outcome.json)
      } else {
        FileHandle.standardOutput.write(Data(outcome.stdout))
        FileHandle.standardError.write(Data(outcome.stderr))
        FileHandle.standardError.write(Data(OutcomeSummary(outcome).text.utf8))
        if let hint = policyHint(outcome) { FileHandle.standardError.write(Data(hint.utf8)) }
      }
      if outcome.verdict != .ok { throw ExitCode.failure }
    }

    /// The native policy is the default, and CPython needs calls it refuses (listing
    /// directories while it starts): say so rather than leave a bare violation.
    private func policyHint(_ outcome: Outcome) -> String? {
      let program = URL(fileURLWithPath: command[0]).lastPathComponent
      guard policy == .native, outcome.verdict == .securityViolation, program.hasPrefix("python")
      else { return nil }
      return "hint: \(program) is a Python interpreter and ran under the native policy (the "
        + "default), which refuses calls CPython makes; run it with --policy python\n"
    }

    private func absolute(_ path: String) -> String {
      URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private func isRegularFile(_ path: String) -> Bool {
      var directory: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &directory)
        && !directory.boolValue
    }
  }

  enum ExecPolicy: String, ExpressibleByArgument, CaseIterable {
    case python, native
    var sandboxPolicy: SandboxPolicy { self == .python ? .python : .native }
  }
}
