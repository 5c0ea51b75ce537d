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

  /// The ticks of a process and every descendant: each one's own CPU time from its CPU
  /// clock, in nanoseconds, plus the ticks of the children it reaped, rounded once at the end. /proc's
  /// own fields round each process's user and system time down to whole ticks: summed over
  /// the twenty-odd processes of a scoring run that hid about a tick per process, which read
  /// as other processes' load (0.1-0.6 CPUs on an idle host) until those processes ended.
  /// The tree is listed first and read leaves first, the root last: a process that ends and
  /// is reaped during the walk is counted twice (in its own reading and its parent's), never
  /// missed.
  static func treeTicks(root: Int32) -> Int64? {
    guard text("/proc/\(root)/task/\(root)/children") != nil else {
      return nil  // a kernel without CONFIG_PROC_CHILDREN
    }
    var tree: [Int32] = [root]
    var next = 0
    while next < tree.count {
      let pid = tree[next]
      next += 1
      let threads =
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
      tree += threads.flatMap { children(of: pid, thread: $0) }
    }
    var nanoseconds: Int64 = 0
    var reapedTicks = 0.0
    for pid in tree.reversed() {
      guard let stat = text("/proc/\(pid)/stat"),
        let reaped = HostLoad.reapedChildrenTicks(stat: stat)
      else {
        if pid == root { return nil }
        continue  // reaped since it was listed: its parent, read later, holds its ticks
      }
      if let own = cpuNanoseconds(pid) {
        nanoseconds += own
      } else if let all = HostLoad.processTicks(stat: stat) {
        nanoseconds += Int64((Double(all) - reaped) * 1e9 / ticksPerSecond)
      }
      reapedTicks += reaped
    }
    return Int64((reapedTicks + Double(nanoseconds) * ticksPerSecond / 1e9).rounded())
  }

  /// A process's CPU time (all its threads, live and ended) from its CPU clock.
  static func cpuNanoseconds(_ pid: Int32) -> Int64? {
    var clock = clockid_t()
    var time = timespec()
    guard clock_getcpuclockid(pid, &clock) == 0, clock_gettime(clock, &time) == 0 else {
      return nil
    }
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }

  private static func children(of pid: Int32, thread: String) -> [Int32] {
    text("/proc/\(pid)/task/\(thread)/children").map(HostLoad.childProcesses) ?? []
  }

  private static func text(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }
}
