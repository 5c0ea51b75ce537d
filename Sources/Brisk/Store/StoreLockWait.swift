import Foundation
import GRDB
import Synchronization

/// How a connection waits while another process holds the store's lock: it retries for up to
/// a minute, and says once, after a few seconds, what it is waiting for, so that a store held
/// by an `sqlite3` shell reads as a wait rather than a hang.
struct StoreLockWait: Sendable {
  /// When the waiting is told.
  var noticeAfter: TimeInterval = 2
  /// When the wait ends in SQLITE_BUSY (the message says 60 s).
  var giveUpAfter: TimeInterval = 60
  /// Where the notice goes.
  var notify: @Sendable (String) -> Void = { line in
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// The pause before retry `tries` (0, 1, ...): short first, since most locks are a
  /// transaction of Brisk's own that ends within milliseconds, then 100 ms.
  static func pause(beforeRetry tries: Int) -> TimeInterval {
    tries < 7 ? 0.001 * Double(1 << tries) : 0.1
  }

  /// Time spent waiting before retry `tries`: the sum of the pauses before it.
  static func waited(beforeRetry tries: Int) -> TimeInterval {
    (0..<tries).reduce(0) { $0 + pause(beforeRetry: $1) }
  }

  /// The busy mode for the connections of one opening of the store at `path`: the notice is
  /// told once, however many of them wait.
  func busyMode(path: String) -> Database.BusyMode {
    let told = Flag()
    let noticeAfter = noticeAfter
    let giveUpAfter = giveUpAfter
    let notify = notify
    return .callback { tries in
      let waited = Self.waited(beforeRetry: tries)
      guard waited < giveUpAfter else { return false }
      if waited >= noticeAfter {
        if told.raise() {
          notify(
            "\(path): another process holds the store's lock (an sqlite3 shell inside a "
              + "transaction?); waiting up to \(Int(giveUpAfter)) s")
        }
      }
      Thread.sleep(forTimeInterval: Self.pause(beforeRetry: tries))
      return true
    }
  }
}

/// A flag raised once, from any thread.
private final class Flag: Sendable {
  private let raised = Mutex(false)

  /// Raises the flag; true only for the call that raised it.
  func raise() -> Bool {
    raised.withLock { raised in
      defer { raised = true }
      return !raised
    }
  }
}
