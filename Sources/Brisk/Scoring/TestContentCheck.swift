import Foundation
import Synchronization

/// Checks a problem's stored tests against their content addresses once per run, and only for
/// a problem where a sample failed or the harness faulted: an altered input or answer shows
/// there (a correct sample fails on it), and hashing every test on every run would cost more
/// than a cached run takes (229 MB of tests for ENAMEL's 142 problems).
final class TestContentCheck: Sendable {
  private let checked = Mutex<[Int64: AlteredTestContent?]>([:])

  /// Throws the altered content of the test set `id`, if any.
  func verify(_ tests: TestSet, id: Int64) throws {
    let known = checked.withLock { $0[id] }
    let altered = known ?? tests.firstAlteredContent()
    if known == nil { checked.withLock { $0[id] = .some(altered) } }
    if let altered { throw altered }
  }
}
