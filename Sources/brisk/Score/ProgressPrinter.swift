import Brisk
import Foundation

/// Renders scoring progress: a bar with rate and ETA on a terminal, plain lines otherwise.
final class ProgressPrinter: @unchecked Sendable {
  private let lock = NSLock()
  private let terminal = isatty(2) == 1
  /// Samples to measure in this session, and of them measured.
  private var total = 0
  private var done = 0
  /// Distinct samples of the run, and those measured before this session; nil until known.
  private var runSamples: Int?
  private var measuredBefore = 0
  /// The run is stored complete.
  private var complete = false
  private var started = Date()
  private var lastLine = Date.distantPast
  private var width = 0
  /// The host load of the last few samples measured, until a warning about it has been given.
  private var loads: [Double] = []
  private var warnedOfLoad = false

  func handle(_ event: ScoringEvent) {
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .preparing(let problem, let step):
      write("\(problem): \(step)...", final: true)
    case .measuring(let total, let cached, let resumed):
      self.total = total - cached
      runSamples = total
      measuredBefore = cached
      started = Date()
      if resumed && cached == total {
        write("Reading the stored run: all \(total) distinct samples are measured.", final: true)
      } else {
        let what = resumed ? "Resuming the run" : "Scoring"
        write(
          "\(what): \(total) distinct samples, \(cached) already measured, \(total - cached) to measure.",
          final: true)
      }
    case .sampleDone(let problem, let sample, let verdict, let efficiency, let otherCPUs):
      done += 1
      warnIfContended(otherCPUs)
      let elapsed = Date().timeIntervalSince(started)
      let rate = elapsed > 0 ? Double(done) / elapsed : 0
      let remaining = rate > 0 ? Double(total - done) / rate : 0
      let detail =
        "\(problem) #\(sample) \(verdict) "
        + (efficiency.map { "eff " + String(format: "%.2f", $0) } ?? "(correctness only)")
      if terminal {
        let filled = total > 0 ? done * 24 / total : 24
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
        write(
          "[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate))/s  ETA \(Self.duration(remaining))  \(detail)",
          final: done == total)
      } else if done == total || Date().timeIntervalSince(lastLine) >= 2 {
        lastLine = Date()
        write(
          "\(done)/\(total) samples, \(String(format: "%.1f", rate))/s, ETA \(Self.duration(remaining)); last: \(detail)",
          final: true)
      }
    case .unfinishedRunLeft(let earlier, let run, let reasons):
      write(
        "note: run \(earlier) of this submission is unfinished and is not taken up, since "
          + "\(reasons.joined(separator: "; ")); this scoring is run \(run).", final: true)
    case .infrastructureFault(let problem, let sample, let message):
      write(
        "\(problem) #\(sample): not measured (infrastructure fault, rerun to retry): \(message)",
        final: true)
    }
  }

  /// What an interruption leaves: the samples measured so far are stored, and the same
  /// command resumes the run.
  func interrupted(resumeHint: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    // A bar being drawn has no line end yet.
    let lineEnd = terminal && width > 0 ? "\n" : ""
    if complete {
      return lineEnd + "Interrupted after the run was stored complete: nothing is lost.\n"
    }
    guard let runSamples else {
      return lineEnd
        + "Interrupted: no sample had been measured yet (the tests generated so far are "
        + "stored). \(resumeHint)\n"
    }
    let plural = runSamples == 1 ? "" : "s"
    let kept =
      measuredBefore == 0
      ? "\(done) of \(runSamples) sample\(plural) measured and stored"
      : "\(measuredBefore + done) of \(runSamples) sample\(plural) measured and stored "
        + "(\(done) of them now, \(measuredBefore) before)"
    return lineEnd + "Interrupted: \(kept). \(resumeHint)\n"
  }

  /// The run is stored complete: an interruption now loses nothing.
  func finished() {
    lock.lock()
    defer { lock.unlock() }
    complete = true
  }

  /// Says once, early, when other processes keep the host busy: a long run can then be
  /// stopped instead of finishing under contention (`brisk score` repeats it at the end).
  private func warnIfContended(_ otherCPUs: Double?) {
    guard !warnedOfLoad, let otherCPUs else { return }
    loads = Array((loads + [otherCPUs]).suffix(Self.recentSamples))
    let mean = loads.reduce(0, +) / Double(loads.count)
    guard loads.count == Self.recentSamples, mean >= HostLoad.contended else { return }
    warnedOfLoad = true
    write(
      "warning: other processes used \(String(format: "%.2f", mean)) CPUs on average while "
        + "Brisk measured the last \(loads.count) samples; contention can move efficiencies. "
        + "Stop them, or score again later with --fresh.", final: true)
  }

  /// The samples whose mean load warns: enough that one busy moment does not.
  static let recentSamples = 5

  private func write(_ text: String, final: Bool) {
    if terminal {
      let padded =
        text.count < width ? text + String(repeating: " ", count: width - text.count) : text
      FileHandle.standardError.write(Data(("\r" + padded + (final ? "\n" : "")).utf8))
      width = final ? 0 : text.count
    } else {
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  }

  static func duration(_ seconds: Double) -> String {
    let value = Int(seconds.rounded())
    return value >= 60 ? "\(value / 60)m\(value % 60)s" : "\(value)s"
  }
}
