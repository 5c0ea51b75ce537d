import Foundation

/// The host's load over a scoring run, as one timeline of readings: every half second, and
/// whenever an evaluation ends. An evaluation's figure comes from the intervals of that
/// timeline it overlaps (HostLoad.otherCPUs(timeline:since:)), over at least a second.
final class HostLoadMonitor: @unchecked Sendable {
  private let lock = NSLock()
  private var readings: [HostLoad.Counters]
  private var stopped = false

  /// The time between readings when no evaluation ends.
  static let interval = 0.5

  /// Starts reading; nil where /proc does not give the counters (figures are then unknown).
  init?() {
    guard let first = HostLoadProbe.read() else { return nil }
    readings = [first]
    Thread { [weak self] in
      while let monitor = self, !monitor.isStopped {
        Thread.sleep(forTimeInterval: Self.interval)
        monitor.record()
      }
    }.start()
  }

  /// Reads now and returns the mean CPUs other processes used since `start` (over at least
  /// HostLoad.minimumSpan seconds).
  func otherCPUs(since start: Double) -> Double? {
    record()
    lock.lock()
    defer { lock.unlock() }
    // Only the readings that can overlap the span: a long run holds thousands.
    let from = HostLoad.spanStart(since: start, lastReading: readings.last?.seconds ?? start)
    let first = readings.lastIndex { $0.seconds <= from } ?? 0
    return HostLoad.otherCPUs(
      timeline: Array(readings[first...]), since: start,
      ticksPerSecond: HostLoadProbe.ticksPerSecond)
  }

  func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
  }

  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  /// Appends a reading, keeping the timeline in time order (two threads may read at once).
  private func record() {
    guard let reading = HostLoadProbe.read() else { return }
    lock.lock()
    defer { lock.unlock() }
    let at = readings.lastIndex { $0.seconds <= reading.seconds }.map { $0 + 1 } ?? 0
    readings.insert(reading, at: at)
  }
}
