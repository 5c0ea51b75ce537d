import BriskSandbox
import Foundation

/// Runs blocking work on a fixed number of dedicated threads, one per worker, each worker
/// with its own index (Brisk pins a worker's sandboxes to the CPU of the same index).
/// Sandboxed I/O blocks, so it stays off Swift's cooperative pool.
public struct WorkerPool: Sendable {
  public let workers: Int

  public init(workers: Int) {
    self.workers = max(1, workers)
  }

  /// The number of CPUs this process may run on.
  public static var availableCPUs: Int { Sandbox.availableCPUs }

  /// Applies `body` to every item, `workers` at a time, and returns results in item order.
  public func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ body: @escaping @Sendable (Item, Int) throws -> Result
  ) async -> [Swift.Result<Result, Error>] {
    let queue = WorkQueue(count: items.count)
    return await withTaskGroup(of: [(Int, Swift.Result<Result, Error>)].self) { group in
      for worker in 0..<min(workers, max(items.count, 1)) {
        group.addTask {
          await withCheckedContinuation { continuation in
            Thread {
              var done: [(Int, Swift.Result<Result, Error>)] = []
              while let index = queue.next() {
                done.append((index, Swift.Result { try body(items[index], worker) }))
              }
              continuation.resume(returning: done)
            }.start()
          }
        }
      }
      var results = [Swift.Result<Result, Error>?](repeating: nil, count: items.count)
      for await batch in group {
        for (index, result) in batch { results[index] = result }
      }
      return results.map { $0 ?? .failure(BriskError("internal: an item was never run")) }
    }
  }
}

/// Hands out item indices to worker threads.
final class WorkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private let count: Int

  init(count: Int) {
    self.count = count
  }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextIndex < count else { return nil }
    defer { nextIndex += 1 }
    return nextIndex
  }
}
