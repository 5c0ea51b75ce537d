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
    /// For a call of the entry point on literals showing a literal: the encoded arguments,
    /// shown value and expert's value, for the problem's checker.
    var call: Call?
    /// Set here: the problem's custom checker might accept the expert's answer, but the example
    /// is not a bare call on literals that it could be asked about.
    var beyondTheChecker: Bool?

    struct Call: Decodable, Equatable {
      var args: String
      var want: String
      var got: String
    }

    var message: String {
      if let unreadable {
        return "line \(line): doctest cannot read this docstring's examples (\(unreadable))"
      }
      let expected = (want ?? "").isEmpty ? "nothing printed (or True)" : want ?? ""
      return "line \(line): the example `\(source ?? "")` shows \(expected), but the expert "
        + "gives \(got.map { $0.isEmpty ? "nothing" : $0 } ?? "nothing"): fix the example "
        + "or the expert"
        + (beyondTheChecker == true
          ? " (the custom checker may accept both, but it judges only a bare call of the entry "
            + "point on literals: write the example as one)" : "")
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
    var entry_point: String
  }

  let scripts: TrustedScripts
  let launcher: Launcher

  /// The examples the expert contradicts. An example that calls the entry point on literals is
  /// judged by the problem's checker, as a sample's answer would be: one showing another of
  /// several right answers holds.
  func check(_ problem: Problem, judge: JudgeSession, cpu: Int?, slot: Int) throws -> Report {
    var report = try run(problem, cpu: cpu, slot: slot)
    let custom: Bool
    if case .custom = problem.checker { custom = true } else { custom = false }
    report.failures = try report.failures?.compactMap { failure in
      guard let call = failure.call else {
        var failure = failure
        if custom && failure.unreadable == nil { failure.beyondTheChecker = true }
        return failure
      }
      // The shown value is judged as a sample's output would be, against the expert's.
      let (accepted, _) = try judge.check(
        arguments: Array(call.args.utf8), expected: Array(call.got.utf8),
        output: Array(call.want.utf8))
      return accepted ? nil : failure
    }
    return report
  }

  private func run(_ problem: Problem, cpu: Int?, slot: Int) throws -> Report {
    let invocation = scripts.invocation(
      "brisk_examples.py", policy: .python,
      limits: SandboxLimits(cpuTime: .seconds(60), wallTime: .seconds(120), memoryBytes: 4 << 30),
      cpu: cpu, slot: slot)
    let process = try SandboxProcess(invocation, launcher: launcher)
    let channel = FrameChannel(process: process)
    defer { process.finish() }
    do {
      try channel.send(
        Request(
          prompt: problem.prompt, reference: problem.reference.source,
          entry_point: problem.entryPoint))
      return try channel.receive(Report.self).0
    } catch let error as SandboxError {
      let outcome = process.finish()
      let how = outcome.flatMap { $0.limit.map { " (the \($0.rawValue) limit)" } } ?? ""
      return Report(error: "running the examples stopped\(how): \(error.message)")
    }
  }
}
