import Foundation
import Glibc

/// A process that keeps one CPU busy, as another user's job would, for tests of how Brisk
/// reports a loaded host. Spawned with posix_spawn, not Foundation's Process: that one's
/// `waitUntilExit()` waits for every descendant holding its socket, so a loop started through
/// it kept the test waiting. The loop stops by itself after `seconds` in any case.
public final class BusyLoop {
  /// The loop's pid.
  public let pid: pid_t
  private let waited: pid_t
  private var stopped = false

  /// Starts the loop. `orphaned` starts it through a shell that exits at once, so that the
  /// loop is adopted outside this process's tree of descendants.
  public init(seconds: Int = 300, orphaned: Bool = false) throws {
    let loop =
      "/usr/bin/python3.11 -S -c 'import time\nend = time.monotonic() + \(seconds)\n"
      + "while time.monotonic() < end: pass'"
    let pidFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("brisk-busy-\(UUID().uuidString)").path
    defer { unlink(pidFile) }
    let script = orphaned ? "\(loop) & echo $! > \(pidFile)" : "exec \(loop)"
    var spawned: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let arguments = ["/bin/sh", "-c", script]
    var argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let status = posix_spawn(&spawned, "/bin/sh", &actions, nil, &argv, environ)
    guard status == 0 else {
      throw NSError(domain: "BusyLoop", code: Int(status))
    }
    if orphaned {
      var exit: Int32 = 0
      waitpid(spawned, &exit, 0)
      let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
      guard let loop = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw NSError(domain: "BusyLoop", code: -1)
      }
      pid = loop
      waited = 0
    } else {
      pid = spawned
      waited = spawned
    }
  }

  /// Ends the loop (and reaps it when it is this process's child).
  public func stop() {
    guard !stopped else { return }
    stopped = true
    kill(pid, SIGKILL)
    if waited != 0 {
      var status: Int32 = 0
      waitpid(waited, &status, 0)
    }
  }

  deinit { stop() }
}
