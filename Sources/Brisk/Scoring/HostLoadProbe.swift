import Foundation
import Glibc

/// Reads `HostLoad.Counters` from /proc: the host's busy ticks and those of Brisk's process
/// tree, found through each thread's `children` file (a few dozen small reads, not a scan of
/// every process on the host).
enum HostLoadProbe {
  /// Clock ticks per second of /proc's counters (USER_HZ).
  static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

  /// Seconds on the readings' clock.
  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  /// The counters now; nil where /proc does not give them (the figure is then unknown).
  static func read() -> HostLoad.Counters? {
    let seconds = now()
    guard let stat = text("/proc/stat"), let hostBusy = HostLoad.hostBusyTicks(procStat: stat),
      let own = treeTicks(root: getpid())
    else { return nil }
    return HostLoad.Counters(hostBusy: hostBusy, own: own, seconds: seconds)
  }

  /// The ticks of a process and every descendant. A process that ends between two reads is
  /// missed or counted twice for this reading only, by at most its few milliseconds.
  static func treeTicks(root: Int32) -> Int64? {
    guard let rootTicks = text("/proc/\(root)/stat").flatMap(HostLoad.processTicks) else {
      return nil
    }
    guard let threads = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(root)/task"),
      text("/proc/\(root)/task/\(root)/children") != nil
    else { return nil }  // a kernel without CONFIG_PROC_CHILDREN
    var total = rootTicks
    var pending = threads.flatMap { children(of: root, thread: $0) }
    while let pid = pending.popLast() {
      guard let ticks = text("/proc/\(pid)/stat").flatMap(HostLoad.processTicks) else { continue }
      total += ticks
      let threads =
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
      pending += threads.flatMap { children(of: pid, thread: $0) }
    }
    return total
  }

  private static func children(of pid: Int32, thread: String) -> [Int32] {
    text("/proc/\(pid)/task/\(thread)/children").map(HostLoad.childProcesses) ?? []
  }

  private static func text(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }
}
