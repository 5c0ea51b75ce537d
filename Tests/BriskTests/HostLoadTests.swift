import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

@Suite(.tags(.small))
struct HostLoadTests {
  @Test func theHostsBusyTicksLeaveOutIdleIowaitAndSteal() {
    let stat = """
      cpu  100 20 30 4000 50 6 7 800 0 0
      cpu0 50 10 15 2000 25 3 3 400 0 0
      intr 1 2 3
      """
    let busy: Int64 = 100 + 20 + 30 + 6 + 7  // user, nice, system, irq, softirq
    #expect(HostLoad.hostBusyTicks(procStat: stat) == busy)
    #expect(HostLoad.hostBusyTicks(procStat: "cpu0 1 2 3 4 5 6 7") == nil)
    #expect(HostLoad.hostBusyTicks(procStat: "") == nil)
  }

  @Test func aProcessesTicksAreItsOwnAndItsReapedChildren() {
    // A command name may hold spaces and parentheses: fields are counted after the last ")".
    let stat =
      "4242 (py (evil) 1 2) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
      + "31 17 400 52 20 0 1 0 123 4096 100 18446744073709551615"
    let ticks: Int64 = 31 + 17 + 400 + 52  // utime, stime, cutime, cstime
    #expect(HostLoad.processTicks(stat: stat) == ticks)
    #expect(HostLoad.processTicks(stat: "4242 (short) S 1 2") == nil)
    #expect(HostLoad.processTicks(stat: "no parentheses") == nil)
    // /proc rounds each down: a non-zero field counts half a tick more, a zero one nothing.
    #expect(HostLoad.reapedChildrenTicks(stat: stat) == 400.5 + 52.5)
    #expect(
      HostLoad.reapedChildrenTicks(stat: stat.replacingOccurrences(of: " 400 52 ", with: " 0 0 "))
        == 0)
  }

  /// On an idle host Brisk's own processes read as other processes' load (0.1-0.6 CPUs)
  /// when /proc's per-process roundings were summed. The probe's figure for a busy tree of
  /// its own children now matches their CPU clocks within a few ticks.
  @Test func theProbeCountsItsOwnTreeWithoutLosingTicks() throws {
    // A parent and six children, each of which burns 57 ms (5.7 ticks) and sleeps; closing
    // the parent's input makes it kill and reap them. No shell: one started from a test
    // thread inherits its blocked signals and never sees its children end.
    let script = """
      import os, signal, sys, time
      children = []
      for _ in range(6):
          pid = os.fork()
          if pid == 0:
              t = time.process_time()
              while time.process_time() - t < 0.057:
                  pass
              time.sleep(60)
              os._exit(0)
          children.append(pid)
      sys.stdin.read()
      for pid in children:
          os.kill(pid, signal.SIGKILL)
          os.waitpid(pid, 0)
      """
    let parent = Process()
    parent.executableURL = URL(fileURLWithPath: "/usr/bin/python3.11")
    parent.arguments = ["-S", "-c", script]
    let input = Pipe()
    parent.standardInput = input
    try parent.run()
    defer {
      // Every process ends reaped inside the tree: one reparented to init would take its
      // ticks out of Brisk's tree while the next test reads it.
      try? input.fileHandleForWriting.close()
      parent.waitUntilExit()
    }
    Thread.sleep(forTimeInterval: 1.5)
    let root = parent.processIdentifier
    let children = HostLoad.childProcesses(
      try String(contentsOfFile: "/proc/\(root)/task/\(root)/children", encoding: .utf8))
    let own = try #require(HostLoadProbe.treeTicks(root: root))
    #expect(children.count == 6)
    let precise = ([root] + children).compactMap(HostLoadProbe.cpuNanoseconds).reduce(0, +)
    let expected = Double(precise) * HostLoadProbe.ticksPerSecond / 1e9
    // Per-process rounding lost up to 2 ticks for each of these 7 processes.
    #expect(abs(Double(own) - expected) <= 1, "tree \(own) ticks, clocks \(expected)")
  }

  @Test func childrenFilesListProcessIDs() {
    #expect(HostLoad.childProcesses("12 345 6789 ") == [12, 345, 6789])
    #expect(HostLoad.childProcesses("") == [])
  }

  @Test func otherWorkIsTheHostsBusyTimeLessBrisks() throws {
    let start = HostLoad.Counters(hostBusy: 1_000, own: 400, seconds: 10)
    // Over 2 s at 100 ticks a second: the host ran 300 ticks, Brisk 200 of them.
    let end = HostLoad.Counters(hostBusy: 1_300, own: 600, seconds: 12)
    func other(_ end: HostLoad.Counters) -> Double? {
      HostLoad.otherCPUs(timeline: [start, end], since: 10, ticksPerSecond: 100)
    }
    #expect(abs((other(end) ?? -1) - 0.5) < 1e-12)
    // Counters that tick at different moments can read below zero on a quiet host.
    #expect(other(HostLoad.Counters(hostBusy: 1_200, own: 610, seconds: 12)) == 0)
    #expect(other(start) == nil)
  }

  @Test func aTimelineGivesTheLoadOverAtLeastASecond() throws {
    // 100 ticks a second; other work: 0.2 CPUs, then 1.0, then 0.6 (host ticks minus own).
    let timeline = [
      HostLoad.Counters(hostBusy: 0, own: 0, seconds: 10),
      HostLoad.Counters(hostBusy: 60, own: 50, seconds: 10.5),
      HostLoad.Counters(hostBusy: 160, own: 100, seconds: 11),
      HostLoad.Counters(hostBusy: 230, own: 140, seconds: 11.5),
    ]
    func other(since start: Double) throws -> Double {
      try #require(HostLoad.otherCPUs(timeline: timeline, since: start, ticksPerSecond: 100))
    }
    // A short evaluation (11.4 to 11.5) reads the last second: (1.0 + 0.6) / 2.
    #expect(abs(try other(since: 11.4) - 0.8) < 1e-9)
    // A long one reads its whole span, each interval by how much of it it covers.
    #expect(abs(try other(since: 10) - 0.6) < 1e-9)
    #expect(abs(try other(since: 10.25) - (0.2 * 0.25 + 0.5 + 0.3) / 1.25) < 1e-9)
    // Ticks one reading rounded off and the next found cancel within the span.
    var rounded = timeline
    rounded[2].own -= 3
    let upToTheRounding = try #require(
      HostLoad.otherCPUs(timeline: Array(rounded.prefix(3)), since: 10, ticksPerSecond: 100))
    #expect(abs(upToTheRounding - 0.63) < 1e-9)
    #expect(
      abs(
        try #require(HostLoad.otherCPUs(timeline: rounded, since: 10, ticksPerSecond: 100)) - 0.6)
        < 1e-9)
    #expect(
      HostLoad.otherCPUs(timeline: Array(timeline.prefix(1)), since: 9, ticksPerSecond: 100) == nil)
  }

  @Test func aRunsSummaryIsTheMeanAndTheBusiestSample() throws {
    func result(_ problem: String, _ other: Double?) -> SampleResult {
      SampleResult(
        runID: 1, problemID: problem, sampleIndex: 0, codeSHA256: "", verdict: "passed",
        passed: true, efficiency: 1, dps: nil, dpsNorm: nil, dpeLevel: nil, otherCPUs: other)
    }
    #expect(HostLoadSummary([result("a", nil)]) == nil)
    let quiet = try #require(HostLoadSummary([result("a", 0.02), result("b", nil)]))
    #expect(quiet.samples == 1 && !quiet.isContended)
    let busy = try #require(
      HostLoadSummary([result("a", 0.1), result("b", 0.9), result("c", 0.5)]))
    #expect(abs(busy.mean - 0.5) < 1e-12)
    #expect(busy.peak == 0.9 && busy.peakProblem == "b" && busy.isContended)
    #expect(busy.description == "0.50 CPUs on average and 0.90 at most (during b)")
  }
}

/// The probe on this host's /proc: Brisk's own descendants count as its own, a process
/// outside its tree as other work.
@Suite(.tags(.medium))
struct HostLoadProbeTests {
  /// Runs `script` in /bin/sh and waits for it.
  func shell(_ script: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    try process.run()
    process.waitUntilExit()
  }

  @Test func aDescendantsWorkIsBrisksOwn() throws {
    let start = try #require(HostLoadProbe.read())
    // 0.6 s of CPU in a process started through a shell, reaped before the second reading.
    try shell(
      "/usr/bin/python3.11 -S -c 'import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass'"
    )
    let end = try #require(HostLoadProbe.read())
    let own = Double(end.own - start.own) / HostLoadProbe.ticksPerSecond
    #expect(own >= 0.5, "Brisk's tree counted \(own) s of the process's 0.6 s")
  }

  @Test func aProcessOutsideBrisksTreeIsOtherWork() throws {
    let start = try #require(HostLoadProbe.read())
    // Adopted outside Brisk's tree: its time goes to another process when it ends.
    let loop = try BusyLoop(seconds: 10, orphaned: true)
    Thread.sleep(forTimeInterval: 1)
    loop.stop()
    let end = try #require(HostLoadProbe.read())
    let other = try #require(
      HostLoad.otherCPUs(
        timeline: [start, end], since: start.seconds, ticksPerSecond: HostLoadProbe.ticksPerSecond))
    // A whole CPU for about a second, whatever else the host does.
    #expect(other >= 0.6, "read \(other) CPUs of other work")
  }

}
