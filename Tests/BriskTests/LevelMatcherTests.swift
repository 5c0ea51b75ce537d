import BriskMetrics
import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// DPE placement against the levels themselves.
@Suite(.tags(.large))
struct LevelMatcherTests {
  /// The expert's own code, whose scoring pairs happened to read 7% slower than the expert
  /// (a slow moment of the host; CI once placed it a level down this way), is measured
  /// against the expert again and placed at the expert's level. Well beyond the margin, it
  /// is not.
  @Test func aSampleJustAboveTheExpertsLevelIsMeasuredAgain() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    let problem = try #require(problems.first)
    let scripts = try TrustedScripts.install()
    let launcher = try Launcher.locate()
    func runner(_ name: String, _ source: String) throws -> RunnerSession {
      let runner = try RunnerSession(
        scripts: scripts, launcher: launcher, memoryLimitBytes: problem.memoryBytes, cpu: nil,
        slot: 0, meter: .cpuTime)
      #expect(try runner.load(name, source: source, for: problem) == nil)
      return runner
    }
    let slowest = try #require(problem.performanceLevels.first)
    let sample = try runner("sample", problem.reference.source)
    let expert = try runner("expert", problem.reference.source)
    let levels = try runner("level0", slowest.solution.source)
    defer { [sample, expert, levels].forEach { $0.end() } }
    let values = (0..<30_000).map { ($0 * 7919) % 20_011 - 10_000 }
    let input = Array("[[\(values.map(String.init).joined(separator: ","))],17]".utf8)
    let test = TestCase(
      level: 3, index: 0, seed: 0, input: input, inputHash: SHA256.hex(input), expected: [],
      expectedHash: "", baselineTime: 0.02)
    let matcher = LevelMatcher(
      sampleRunner: sample, sampleName: "sample", levelsRunner: levels, levelNames: ["level0"],
      expertRunner: expert, expertName: "expert", test: test,
      limits: CallLimits(cpuMilliseconds: 10_000, memoryBytes: problem.memoryBytes))
    let calibration = [
      DPECalibration(file: slowest.solution.path, costRatio: 3, relativeError: 0.01),
      DPECalibration(file: "reference.py", costRatio: 1, relativeError: 0),
    ]
    func reading(_ ratio: Double) -> RatioEstimate {
      RatioEstimate(pairs: (0..<5).map { _ in CostPair(sample: ratio * 1000, reference: 1000) })
    }
    #expect(try matcher.match(expertRatio: reading(1.07), calibration: calibration) == 1)
    #expect(try matcher.match(expertRatio: reading(1.4), calibration: calibration) == 0)
  }
}
