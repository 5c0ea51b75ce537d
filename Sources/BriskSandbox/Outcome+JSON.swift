import Foundation

extension Outcome {
  /// The stable JSON shape printed by `brisk sandbox exec --json` (documented in README.md).
  /// Keys are never renamed or removed; new keys may be added.
  public var jsonObject: [String: Any] {
    [
      "verdict": verdict.rawValue,
      "exit_code": exitCode.map { $0 as Any } ?? NSNull(),
      "signal": signal.map { $0 as Any } ?? NSNull(),
      "cpu_ms": cpuTime.milliseconds,
      "user_ms": userTime.milliseconds,
      "sys_ms": systemTime.milliseconds,
      "wall_ms": wallTime.milliseconds,
      "max_rss_kb": maxRSSKilobytes,
      "stdout_bytes": stdout.count,
      "stderr_bytes": stderr.count,
      "limit": limit.map { $0.rawValue as Any } ?? NSNull(),
      "syscall": violation.map { $0.syscall as Any } ?? NSNull(),
      "refused_request_bytes": refusedRequestBytes,
      "policy": policy.rawValue,
      "message": message.map { $0 as Any } ?? NSNull(),
      // A program that never started obtained no layers; calling them all missing misled.
      "missing_layers": verdict == .launchFailure ? NSNull() : layers.missing as Any,
      "stdout": String(decoding: stdout, as: UTF8.self),
      "stderr": String(decoding: stderr, as: UTF8.self),
    ]
  }

  /// `jsonObject` serialized on one line with sorted keys.
  public var json: String {
    let data =
      (try? JSONSerialization.data(
        withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
