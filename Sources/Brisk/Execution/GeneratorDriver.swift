import BriskSandbox
import Foundation

/// Runs a problem's generator in the sandbox (python policy) and collects encoded inputs.
public struct GeneratorDriver: Sendable {
  public let scripts: TrustedScripts
  public let launcher: Launcher
  /// The longest wait for one test. Generating a test takes well under a second for every
  /// bundled problem; a generator that waits (a `sleep`, `input()`) or never ends is stopped
  /// here rather than at the whole run's 600 s wall limit.
  public let patience: Duration

  public init(scripts: TrustedScripts, launcher: Launcher, patience: Duration = .seconds(60)) {
    self.scripts = scripts
    self.launcher = launcher
    self.patience = patience
  }

  private static let mount = "/problem/generator.py"

  private struct Request: Encodable {
    struct Test: Encodable {
      var level: Int
      var `case`: Int
      var size: Int
      var seed: UInt64
    }
    var generator: String
    var tests: [Test]
  }

  private struct Reply: Decodable {
    var level: Int
    var `case`: Int
    var error: String?
  }

  /// One encoded argument list per (level, case) of `problem`, in order.
  public func inputs(for problem: Problem, cpu: Int? = nil) throws -> [(
    level: Int, index: Int, seed: UInt64, input: [UInt8]
  )] {
    var tests: [Request.Test] = []
    for (level, spec) in problem.levels.enumerated() {
      for index in 0..<spec.tests {
        tests.append(
          .init(
            level: level, case: index, size: spec.size,
            seed: problem.seed(level: level, index: index)))
      }
    }
    let invocation = scripts.invocation(
      "brisk_generate.py", policy: .python,
      limits: SandboxLimits(cpuTime: .seconds(300), wallTime: .seconds(600), memoryBytes: 4 << 30),
      exposing: [ExposedPath(problem.generatorPath, at: Self.mount)], cpu: cpu)
    let process = try SandboxProcess(invocation, launcher: launcher)
    let channel = FrameChannel(process: process)
    defer { process.finish() }
    var results: [(level: Int, index: Int, seed: UInt64, input: [UInt8])] = []
    do {
      try channel.send(Request(generator: Self.mount, tests: tests))
      for test in tests {
        guard let (reply, payload) = try channel.receive(Reply.self, within: patience) else {
          let seconds = String(format: "%g", patience.milliseconds / 1000)
          throw BriskError.problem(
            problem.generatorPath,
            "the generator gave nothing for level \(test.level), case \(test.case) in "
              + "\(seconds) s, so Brisk stopped it: a test should take seconds at most, and a "
              + "generator that waits (sleep, input(), a lock) or loops forever never finishes one")
        }
        if let error = reply.error {
          // The generator goes on to the later tests; nothing reads them, so once the pipe is
          // full it would block until the wall limit. Stop it now.
          process.terminate()
          let place = reply.level < 0 ? "loading it" : "level \(reply.level), case \(reply.case)"
          throw BriskError.problem(
            problem.generatorPath, "the generator failed at \(place):\n\(error)")
        }
        results.append((test.level, test.case, test.seed, payload))
      }
    } catch let error as SandboxError {
      let outcome = process.finish()
      let how =
        outcome.map {
          " (\($0.verdict.rawValue)\($0.limit.map { ", \($0.rawValue) limit" } ?? ""))"
        } ?? ""
      throw BriskError.problem(
        problem.generatorPath, "the generator stopped\(how): \(error.message)")
    }
    return results
  }
}
