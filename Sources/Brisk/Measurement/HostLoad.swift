/// How busy the host's CPUs were with work other than Brisk's while something was measured.
///
/// Pairing a sample's calls with the expert's cancels a host that is uniformly slower, but not
/// contention: a process busy on another core (sharing caches and memory bandwidth) slows a
/// memory-bound sample and a compute-bound expert by different factors. Brisk's stability
/// benchmark saw one problem's efficiency move by 0.14 with a CPU hog on the other core. No
/// ratio cancels that, so Brisk records the load beside every evaluation and warns when it was
/// high. Pure: the text of /proc files in, figures out (`HostLoadProbe` reads them).
public enum HostLoad {
  /// CPU counters at one moment, in clock ticks since boot.
  public struct Counters: Sendable, Equatable {
    /// All CPUs' time running anything: user, nice, system, irq and softirq.
    public var hostBusy: Int64
    /// Brisk and every process it started, running or already reaped.
    public var own: Int64
    /// When they were read, in seconds on a monotonic clock.
    public var seconds: Double

    public init(hostBusy: Int64, own: Int64, seconds: Double) {
      self.hostBusy = hostBusy
      self.own = own
      self.seconds = seconds
    }
  }

  /// Above this mean number of CPUs busy with other work, a run's figures may have moved
  /// (`brisk score` warns, the leaderboard notes it). A quiet host reads about 0.01; the
  /// stability benchmark's hog reads 0.5-1.
  public static let contended = 0.25

  /// An evaluation's figure covers at least this many seconds before its end. /proc counts
  /// in 10 ms ticks and rounds each process down, so a window of a few ticks reads noise: on
  /// a quiet host, evaluations of 50 ms read up to 1.08 CPUs over their own windows.
  public static let minimumSpan = 1.0

  /// The mean number of CPUs busy with other processes from `start` to the last reading,
  /// over at least `minimumSpan` seconds, from a timeline of readings (in time order). Each
  /// interval between consecutive readings counts by how much of the span it covers. A
  /// timeline has no gaps, so what one interval's rounding misses the next one finds; nil
  /// when the readings cover none of the span.
  public static func otherCPUs(
    timeline readings: [Counters], since start: Double, ticksPerSecond: Double
  ) -> Double? {
    guard let last = readings.last, ticksPerSecond > 0 else { return nil }
    let from = spanStart(since: start, lastReading: last.seconds)
    var weighted = 0.0
    var covered = 0.0
    for (earlier, later) in zip(readings, readings.dropFirst()) where later.seconds > from {
      let length = later.seconds - earlier.seconds
      let overlap = later.seconds - max(earlier.seconds, from)
      guard length > 0, overlap > 0 else { continue }
      let otherTicks = (later.hostBusy - earlier.hostBusy) - (later.own - earlier.own)
      weighted += Double(otherTicks) / ticksPerSecond / length * overlap
      covered += overlap
    }
    // Never negative: the counters tick at different moments, so a quiet span can read a few
    // ticks below zero.
    return covered > 0 ? max(0, weighted / covered) : nil
  }

  /// Where the span of a figure ending at `lastReading` starts: at `start`, or earlier to
  /// cover `minimumSpan`.
  public static func spanStart(since start: Double, lastReading: Double) -> Double {
    min(start, lastReading - minimumSpan)
  }

  /// All CPUs' busy ticks, from the first line of /proc/stat
  /// ("cpu  user nice system idle iowait irq softirq steal ..."). Idle, iowait and steal (time
  /// the hypervisor gave to other guests) are not work on this host.
  public static func hostBusyTicks(procStat: String) -> Int64? {
    guard let line = procStat.split(separator: "\n", maxSplits: 1).first,
      line.hasPrefix("cpu ")
    else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { Int64($0) }
    guard fields.count >= 7 else { return nil }
    return fields[0] + fields[1] + fields[2] + fields[5] + fields[6]
  }

  /// A process's own user and system ticks plus those of the children it reaped
  /// (utime, stime, cutime and cstime: fields 14-17 of /proc/<pid>/stat). A reaped child's
  /// time moves into its parent's, so the sum over a process tree counts every process once.
  public static func processTicks(stat: String) -> Int64? {
    // The command name (field 2) is in parentheses and may hold spaces and parentheses.
    guard let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // fields[0] is the state (field 3), so field n is fields[n - 3].
    guard fields.count >= 15 else { return nil }
    var total: Int64 = 0
    for field in fields[11...14] {
      guard let ticks = Int64(field) else { return nil }
      total += ticks
    }
    return total
  }

  /// The ticks of the children a process reaped (cutime and cstime: fields 16-17 of
  /// /proc/<pid>/stat), each rounded down by /proc, so a non-zero one is counted half a tick
  /// up: the expected value of what was cut off. Unrounded, the four runners of a scoring run
  /// hid about 4 ticks between them.
  public static func reapedChildrenTicks(stat: String) -> Double? {
    guard let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count >= 15, let cutime = Int64(fields[13]), let cstime = Int64(fields[14])
    else { return nil }
    return [cutime, cstime].map { $0 > 0 ? Double($0) + 0.5 : 0 }.reduce(0, +)
  }

  /// The process ids in a /proc/<pid>/task/<tid>/children file.
  public static func childProcesses(_ text: String) -> [Int32] {
    text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
  }
}
