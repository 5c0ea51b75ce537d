/// One materialized test: encoded arguments, the expert's encoded answer, and the expert's
/// CPU time when the answer was computed (a baseline for limits, not a score).
public struct TestCase: Sendable, Equatable {
  public var level: Int
  public var index: Int
  /// The seed the generator was given.
  public var seed: UInt64
  /// Encoded list of positional arguments (Sandbox/Runner/brisk_values.py).
  public var input: [UInt8]
  public var inputHash: String
  /// The expert reference's encoded result.
  public var expected: [UInt8]
  public var expectedHash: String
  /// The expert's CPU time on this test when the answer was computed, in seconds.
  public var baselineTime: Double
}

/// Every test of one problem version, ordered by level then case.
public struct TestSet: Sendable, Equatable {
  public var problemID: String
  public var problemVersion: String
  public var cases: [TestCase]

  /// Hash over every input and answer: equal hashes, equal tests.
  public var hash: String {
    var hasher = SHA256()
    for test in cases {
      hasher.update("\(test.level)/\(test.index)/\(test.inputHash)/\(test.expectedHash)\n")
    }
    return hasher.finalize().hexString
  }

  public func cases(level: Int) -> [TestCase] {
    cases.filter { $0.level == level }
  }

  /// The first test whose input or answer no longer hashes to the address it is stored
  /// under: content changed outside Brisk (a hand edit, a damaged disk), which SQLite's
  /// integrity check does not see.
  public func firstAlteredContent() -> AlteredTestContent? {
    for test in cases {
      for (part, content, address) in [
        ("input", test.input, test.inputHash),
        ("expected answer", test.expected, test.expectedHash),
      ] where SHA256.hex(content) != address {
        return AlteredTestContent(
          problemID: problemID, level: test.level, index: test.index, part: part,
          address: address)
      }
    }
    return nil
  }
}

/// A stored test's input or answer that differs from the content its address names. Every
/// sample judged on it would be judged wrongly, so scoring stops rather than store verdicts.
public struct AlteredTestContent: Error, Sendable, Equatable {
  public var problemID: String
  public var level: Int
  public var index: Int
  /// `input` or `expected answer`.
  public var part: String
  /// The sha256 it is stored under.
  public var address: String

  /// In words, for the store at `path`.
  public func message(store path: String) -> String {
    "\(path): the \(part) of \(problemID)'s test \(level).\(index) no longer matches its sha256 "
      + "(\(address.prefix(16))...): the store was changed outside Brisk or damaged on disk, which "
      + "`PRAGMA integrity_check` does not see. No verdict was stored against it; score into a "
      + "new --db, where the tests are generated again"
  }
}

extension Problem {
  /// The seed of one test: a pure function of (problem version, level, case, base seed).
  public func seed(level: Int, index: Int) -> UInt64 {
    var hasher = SHA256()
    hasher.update("brisk-test-seed\n\(version)\n\(level)\n\(index)\n\(seed)")
    // 63 bits: Python and SQLite both hold it as a non-negative integer.
    return hasher.finalize().prefix(8).reduce(0) { $0 << 8 | UInt64($1) } >> 1
  }
}
