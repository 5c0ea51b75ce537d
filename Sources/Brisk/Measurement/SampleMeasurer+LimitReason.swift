import Foundation

extension SampleMeasurer {
  /// Which limit stopped a call, in the terms the author can act on; nil unless `verdict` is
  /// a limit.
  static func limitReason(_ verdict: TestVerdict, report: CallReport, limits: CallLimits)
    -> String?
  {
    let cpu = String(format: "%.3f s", Double(report.cpuNanoseconds) / 1e9)
    switch verdict {
    case .timeLimit where report.killed == "wall":
      return "stopped by the wall-clock limit (\(Double(limits.wallMilliseconds) / 1000) s) after "
        + "\(cpu) of CPU: the call waited (sleep, blocking reads) rather than computed"
    case .timeLimit where report.killed == "cpu":
      return "stopped at its CPU-time cap, \(Double(limits.cpuMilliseconds) / 1000) s, on "
        + "consecutive calls"
    case .timeLimit:
      return "beyond the time limit on consecutive calls (\(cpu) of CPU on the last)"
    case .memoryLimit:
      let refused =
        report.memoryRefused.map { "an allocation of \($0 >> 20) MiB" } ?? "an allocation"
      return "ran out of memory under the \(limits.memoryBytes >> 20) MiB address-space limit: "
        + "\(refused) was refused (peak memory counts only the pages the call touched)"
    case .overflow:
      return "raised OverflowError, which this problem counts as the level's limit"
    case .outputLimit:
      return "wrote more to stdout or stderr than a call may (a print inside a loop?); "
        + "output is not the answer: return it"
    default:
      return nil
    }
  }
}
