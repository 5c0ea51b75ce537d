import BriskSandbox

/// The human-readable outcome of `brisk sandbox exec`.
struct OutcomeSummary {
  let outcome: Outcome

  init(_ outcome: Outcome) {
    self.outcome = outcome
  }

  var text: String {
    var rows: [(String, String)] = [("verdict", outcome.verdict.rawValue)]
    if let violation = outcome.violation {
      rows.append(
        ("refused call", "\(violation.syscall) (#\(violation.number), pid \(violation.pid))"))
    }
    if let limit = outcome.limit { rows.append(("limit", limit.rawValue)) }
    if let code = outcome.exitCode { rows.append(("exit code", String(code))) }
    if let signal = outcome.signal { rows.append(("signal", String(signal))) }
    rows.append(
      (
        "cpu",
        "\(format(outcome.cpuTime)) (user \(format(outcome.userTime)), "
          + "system \(format(outcome.systemTime)))"
      ))
    rows.append(("wall", format(outcome.wallTime)))
    rows.append(("peak memory", "\(outcome.maxRSSKilobytes) KiB"))
    rows.append(
      ("output", "\(outcome.stdout.count) bytes stdout, \(outcome.stderr.count) bytes stderr"))
    if outcome.refusedRequestBytes > 0 {
      rows.append(("refused request", "\(outcome.refusedRequestBytes) bytes in one allocation"))
    }
    if let message = outcome.message { rows.append(("message", message)) }
    let missing = outcome.layers.missing
    if outcome.verdict != .launchFailure {  // a program that never started obtained none
      rows.append(
        ("isolation", missing.isEmpty ? "complete" : "missing " + missing.joined(separator: ", ")))
    }
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { "\($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)" }
      .joined(separator: "\n") + "\n"
  }

  private func format(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    return ms < 10 ? String(format: "%.2f ms", ms) : String(format: "%.1f ms", ms)
  }
}
