import Foundation

/// The text of one sample's story.
public struct SampleStoryText: Sendable {
  public let story: SampleStory
  public let showCode: Bool

  public init(story: SampleStory, showCode: Bool) {
    self.story = story
    self.showCode = showCode
  }

  public var text: String {
    let result = story.result
    var lines = [
      "Sample \(result.sampleIndex) of \(result.problemID) (run \(result.runID)), code \(result.codeSHA256.prefix(12))"
    ]
    guard let verdict = result.verdict else {
      return (lines + ["not measured yet: run `brisk score` again to finish the run"]).joined(
        separator: "\n")
    }
    lines.append("verdict     \(verdict)\(result.passed == true ? " (passed)" : " (failed)")")
    if let detail = story.detail {
      lines.append(
        "reason      \(detail.split(separator: "\n").suffix(6).joined(separator: "\n            "))"
      )
    }
    let levels = zip(story.levelEfficiencies, story.levelWeights).enumerated()
      .map { String(format: "L%d %.2f (w %g)", $0.offset, $0.element.0, $0.element.1) }.joined(
        separator: ", ")
    if result.efficiency == nil && story.tests.allSatisfy({ $0.referenceTime == nil }) {
      // HumanEval's own tests: assertions judge it, and nothing is timed.
      lines.append(
        "efficiency  not measured: a correctness-only problem (its tests are assertions)")
    } else {
      lines.append(String(format: "efficiency  %.3f  [%@]", result.efficiency ?? 0, levels))
    }
    if story.timeLimit > 0 && countsInstructions {
      lines.append(
        String(
          format: "time limit  T = %@ (alpha %g x the expert's largest count over weighted levels);"
            + " a level costlier than T scores 0, a call beyond T plus the problem's slack is a"
            + " time limit",
          cost(story.timeLimit), story.alpha))
    } else if story.timeLimit > 0 {
      lines.append(
        String(
          format: "time limit  T = %@ (alpha %g x the expert's largest time over weighted levels);"
            + " a level slower than T scores 0, a call beyond T + %@ is a time limit",
          Self.time(story.timeLimit), story.alpha, Self.time(story.limitSlack)))
    }
    if let level = story.limitLevel {
      lines.append("limit hit   at level \(level): it and the levels after score 0")
    }
    if story.calibration.count == 1 {
      // ENAMEL's and HumanEval's problems have the expert alone: nothing to place a sample
      // between.
      lines.append(
        "DPE         not scored: the problem has one reference level, and DPE needs two or more")
    } else if !story.calibration.isEmpty {
      let levels = story.calibration.enumerated().map {
        String(format: "%d %@ %.2fx", $0.offset, $0.element.file, $0.element.costRatio)
      }
      .joined(separator: ", ")
      let matched = result.dpeLevel.map { "matched level \($0)" } ?? "no level matched"
      let cost =
        story.performanceRatio.map { String(format: "cost %.2fx the expert", $0) }
        ?? "did not complete the performance test"
      lines.append(
        "DPE         \(cost); \(matched); DPS \(result.dps.map { String(format: "%.1f", $0) } ?? "-"), DPS_norm \(result.dpsNorm.map { String(format: "%.1f", $0) } ?? "-")"
      )
      lines.append("DPE levels  \(levels)")
    }
    if let other = result.otherCPUs {
      let contended = other >= HostLoad.contended ? ": contention may have moved its times" : ""
      lines.append(
        String(format: "host load   other processes used %.2f CPUs meanwhile", other)
          + contended)
    }
    lines.append("")
    lines.append(
      TextTable(
        header: ["level", "case", "verdict", "expert", "sample", "ratio", "reps", "peak memory"],
        rows: story.tests.map { test in
          [
            "\(test.level)", "\(test.index)", test.verdict,
            test.referenceTime.map(cost) ?? "-", test.sampleTime.map(cost) ?? "-",
            test.ratio.map { ratio in
              String(format: "%.3f", ratio)
                + (test.ratioRelativeError.map { String(format: " ±%.1f%%", $0 * 100) } ?? "")
            } ?? "-",
            "\(test.repetitions)", test.peakMemoryKilobytes.map { "\($0 / 1024) MiB" } ?? "-",
          ]
        }
      ).text)
    if let failing = story.tests.first(where: { $0.detail != nil }), let detail = failing.detail {
      lines.append("\nlevel \(failing.level), case \(failing.index): \(failing.verdict)\n\(detail)")
    }
    lines.append(
      countsInstructions
        ? "\nCosts are instructions counted by valgrind (the scoring signal of --meter instructions);"
          + " ratios come from the sample and the expert counted back to back."
        : "\nTimes are CPU time (the scoring signal); ratios come from the sample and the expert measured back to back."
    )
    if showCode { lines.append("\n\(story.code)") }
    return lines.joined(separator: "\n")
  }

  /// Under the instruction meter a story's times are instruction counts.
  var countsInstructions: Bool { story.tests.contains { $0.signal == Meter.instructions.signal } }

  func cost(_ value: Double) -> String { countsInstructions ? Self.count(value) : Self.time(value) }

  static func count(_ instructions: Double) -> String {
    instructions >= 1e9
      ? String(format: "%.2f G instr", instructions / 1e9)
      : instructions >= 1e6
        ? String(format: "%.2f M instr", instructions / 1e6)
        : instructions >= 1e3
          ? String(format: "%.1f k instr", instructions / 1e3)
          : String(format: "%.0f instr", instructions)
  }

  static func time(_ seconds: Double) -> String {
    seconds >= 1
      ? String(format: "%.2f s", seconds)
      : seconds >= 0.001
        ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.0f µs", seconds * 1e6)
  }
}
