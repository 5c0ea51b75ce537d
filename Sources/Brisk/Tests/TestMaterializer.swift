import BriskSandbox
import Foundation

/// Turns a problem into its tests: inputs from the generator, answers from the expert.
public struct TestMaterializer: Sendable {
  public let scripts: TrustedScripts
  public let launcher: Launcher

  public init(scripts: TrustedScripts, launcher: Launcher) {
    self.scripts = scripts
    self.launcher = launcher
  }

  /// Generates every input and computes every answer with the expert reference.
  public func materialize(_ problem: Problem, cpu: Int? = nil, slot: Int = 0) throws -> TestSet {
    // A problem tested by assertions has one test, without arguments.
    let inputs =
      problem.assertions != nil
      ? [(level: 0, index: 0, seed: problem.seed(level: 0, index: 0), input: Array("[]".utf8))]
      : try GeneratorDriver(scripts: scripts, launcher: launcher).inputs(for: problem, cpu: cpu)
    let runner = try RunnerSession(
      scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: cpu,
      slot: slot, meter: .cpuTime)
    if let message = try runner.load("reference", source: problem.reference.source, for: problem) {
      throw BriskError.problem(
        "\(problem.directory)/reference.py", "does not compile:\n\(message)")
    }
    let limits = CallLimits(
      cpuMilliseconds: Int(problem.timeout * 1000), memoryBytes: problem.memoryBytes)
    var cases: [TestCase] = []
    for generated in inputs {
      let (report, verdict) = try runner.call(
        "reference", arguments: generated.input, limits: limits)
      guard verdict == .returned else {
        throw BriskError.problem(
          "\(problem.directory)/reference.py",
          "the expert reference failed on level \(generated.level), case \(generated.index) "
            + "(\(verdict.name))"
            + (report.message.map { ":\n" + $0.trimmingCharacters(in: .newlines) } ?? "")
            + Self.argumentCountHint(
              report.message, input: generated.input, generator: problem.generatorPath))
      }
      cases.append(
        TestCase(
          level: generated.level, index: generated.index, seed: generated.seed,
          input: generated.input, inputHash: SHA256.hex(generated.input), expected: report.output,
          expectedHash: SHA256.hex(report.output),
          baselineTime: Double(report.cpuNanoseconds) / 1e9))
    }
    return TestSet(problemID: problem.id, problemVersion: problem.version, cases: cases)
  }

  /// When the expert was called with the wrong number of arguments, the generator is the
  /// likely culprit: a list it returns is the list of arguments, so `return values` for a
  /// one-list problem passes every item as an argument of its own.
  static func argumentCountHint(_ message: String?, input: [UInt8], generator: String) -> String {
    guard let message, message.contains("TypeError: "),
      message.contains("positional argument"),
      let arguments = (try? JSONSerialization.jsonObject(with: Data(input))) as? [Any]
    else { return "" }
    let given = arguments.count
    let gave = "\n\(generator): generate() gave \(given) argument\(given == 1 ? "" : "s")"
    // "f() takes 1 positional argument but 8 were given": the argument itself was returned.
    if let takes = message.firstMatch(of: /takes (\d+) positional arguments? but/),
      takes.1 == "1", given > 1
    {
      return gave + " for one; a single list argument is returned as (values,), not values"
    }
    return gave + "; it returns the tuple of the entry point's arguments, one item for each, "
      + "in order"
  }

}
