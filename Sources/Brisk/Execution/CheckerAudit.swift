/// What a problem's checker does with the expert's own answers, and (a custom one) with wrong
/// answers: the problem doctor reports it, and scoring refuses a checker that fails it, which
/// would otherwise be charged to every sample it judged.
struct CheckerAudit {
  /// Tests whose expert answer the checker rejects, with its reasons.
  var rejected: [(test: TestCase, reason: String?)] = []
  /// A wrong answer (another test's) that a custom checker neither accepted nor rejected: it
  /// returned something other than True or False (None, from a check() without a final
  /// return), or raised something other than AssertionError.
  var undecided: (test: TestCase, other: TestCase, reason: String)?

  init(judge: JudgeSession, tests: TestSet, checker: CheckerKind) throws {
    for test in tests.cases {
      let (accepted, reason) = try judge.check(
        arguments: test.input, expected: test.expected, output: test.expected)
      if !accepted { rejected.append((test, reason)) }
    }
    guard rejected.isEmpty, case .custom = checker else { return }
    for test in tests.cases {
      guard let other = tests.cases.first(where: { $0.expected != test.expected }) else { break }
      let (_, reason) = try judge.check(
        arguments: test.input, expected: test.expected, output: other.expected)
      if let reason,
        reason.contains("the checker returned ") || reason.contains("the checker failed: ")
      {
        undecided = (test, other, reason)
        break
      }
    }
  }

  /// The checker rejecting the expert's answers, then `consequence`, then its first reason.
  func rejectionMessage(_ consequence: String) -> String? {
    rejected.first.map {
      "the checker rejects the expert's own answer on \(rejected.count) tests (the first at "
        + "level \($0.test.level), case \($0.test.index)), \(consequence)\n"
        + ($0.reason ?? "no reason")
    }
  }

  var undecidedMessage: String? {
    undecided.map {
      "given a wrong answer (the answer of level \($0.other.level), case \($0.other.index)), "
        + "the checker neither accepts nor rejects it: it must return True or False (or raise "
        + "AssertionError with the reason)\n\($0.reason)"
    }
  }
}
