import BriskSandbox
import Foundation

/// The doctest examples of a problem's prompt, run against its expert in the sandbox
/// (Sandbox/Runner/brisk_examples.py): a prompt must not show a model an answer the expert
/// would not give.
struct PromptExamples {
  /// One example the expert contradicts, or a docstring doctest cannot read.
  struct Failure: Decodable, Equatable {
    /// The line of prompt.py: the example's, or the unreadable docstring's.
    var line: Int
    var source: String?
    var want: String?
    var got: String?
    var unreadable: String?

    var message: String {
      if let unreadable {
        return "line \(line): doctest cannot read this docstring's examples (\(unreadable))"
      }
      let expected = (want ?? "").isEmpty ? "nothing printed (or True)" : want ?? ""
      return "line \(line): the example `\(source ?? "")` shows \(expected), but the expert "
        + "gives \(got.map { $0.isEmpty ? "nothing" : $0 } ?? "nothing"): fix the example "
        + "or the expert"
    }
  }

  struct Report: Decodable {
    var examples: Int?
    var failures: [Failure]?
    var error: String?
  }

  private struct Request: Encodable {
    var prompt: String
    var reference: String
  }

  let scripts: TrustedScripts
  let launcher: Launcher

  func check(_ problem: Problem, cpu: Int?, slot: Int) throws -> Report {
    let invocation = scripts.invocation(
      "brisk_examples.py", policy: .python,
      limits: SandboxLimits(cpuTime: .seconds(60), wallTime: .seconds(120), memoryBytes: 4 << 30),
      cpu: cpu, slot: slot)
    let process = try SandboxProcess(invocation, launcher: launcher)
    let channel = FrameChannel(process: process)
    defer { process.finish() }
    do {
      try channel.send(Request(prompt: problem.prompt, reference: problem.reference.source))
      return try channel.receive(Report.self).0
    } catch let error as SandboxError {
      let outcome = process.finish()
      let how = outcome.flatMap { $0.limit.map { " (the \($0.rawValue) limit)" } } ?? ""
      return Report(error: "running the examples stopped\(how): \(error.message)")
    }
  }
}
