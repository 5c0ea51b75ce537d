/// A folder (or file) of submitted solutions, read and normalized.
public struct Submission: Sendable, Equatable {
  /// How the samples were laid out on disk.
  public enum Layout: String, Sendable {
    /// `<dir>/<problem-id>/<n>.py`.
    case directory
    /// One JSON object per line with `task_id` and `solution` or `completion`.
    case jsonLines = "jsonl"
    /// ENAMEL's JSON: a list (or a dict keyed by problem index) of lists of code strings.
    case enamel
    /// EvalPerf's published results: `eval[task_id].profiled[i].solution`, correct ones only.
    case evalPerfResults = "evalperf"
  }

  /// The path given by the user.
  public var path: String
  public var layout: Layout
  /// From the optional manifest, if any.
  public var model: String?
  /// Decoding settings from the optional manifest (temperature, top_p, ...), as text.
  public var decoding: [String: String]
  /// Samples per problem id, in sample order.
  public var samples: [String: [String]]
  /// Files and folders of a directory submission that are not samples (`<problem>/<n>.py`)
  /// and were not read, relative to it: told to the user, never scored.
  public var ignored: [String] = []

  /// A hash of every sample's problem, position and code.
  public var hash: String {
    var hasher = SHA256()
    for id in samples.keys.sorted() {
      for (index, code) in (samples[id] ?? []).enumerated() {
        hasher.update("\(id)\0\(index)\0\(code.utf8.count)\0")
        hasher.update(code)
      }
    }
    return hasher.finalize().hexString
  }

  public var sampleCount: Int { samples.values.map(\.count).reduce(0, +) }

  /// The samples were chosen by their correctness before Brisk saw them: pass@k over them is
  /// not the model's.
  public var onlyCorrectSamples: Bool { layout == .evalPerfResults }
}

/// What is wrong or worth knowing about a submission against a problem set.
public struct SubmissionCheck: Sendable, Equatable {
  /// Problems the submission answers that the set lacks: scoring refuses to start.
  public var unknownProblems: [String]
  /// Problems of the set the submission does not answer: scored without them.
  public var missingProblems: [String]
  /// The fewest samples any problem has; pass@k and eff@k need k <= this.
  public var minimumSamples: Int
  public var maximumSamples: Int
  /// The samples were chosen by their correctness before Brisk saw them (EvalPerf's results).
  public var onlyCorrectSamples: Bool

  public init(submission: Submission, problemIDs: [String]) {
    let known = Set(problemIDs)
    let answered = Set(submission.samples.keys)
    unknownProblems = answered.subtracting(known).sorted()
    missingProblems = known.subtracting(answered).sorted()
    let counts = submission.samples.filter { known.contains($0.key) }.values.map(\.count)
    minimumSamples = counts.min() ?? 0
    maximumSamples = counts.max() ?? 0
    onlyCorrectSamples = submission.onlyCorrectSamples
  }

  /// The requested k values that every problem supports.
  public func reportable(_ ks: [Int]) -> [Int] {
    ks.filter { $0 >= 1 && $0 <= minimumSamples }
  }

  /// Human-readable warnings (the errors are `unknownProblems`).
  public func warnings(requestedK ks: [Int]) -> [String] {
    var result: [String] = []
    if onlyCorrectSamples {
      result.append(
        "EvalPerf's results keep only the solutions that passed its tests: pass@k here is over "
          + "those, not the model's pass@k; eff@k and DPE compare correct solutions")
    }
    if !missingProblems.isEmpty {
      result.append(
        "\(missingProblems.count) problem\(missingProblems.count == 1 ? "" : "s") of the set "
          + "\(missingProblems.count == 1 ? "has" : "have") no samples and "
          + "\(missingProblems.count == 1 ? "is" : "are") left out: \(Self.list(missingProblems))")
    }
    if minimumSamples != maximumSamples {
      result.append(
        "sample counts differ between problems (\(minimumSamples) to \(maximumSamples)): "
          + "k is reportable up to \(minimumSamples)")
    }
    let dropped = ks.filter { !reportable(ks).contains($0) }
    if !dropped.isEmpty {
      result.append(
        "k = \(dropped.map(String.init).joined(separator: ", ")) exceeds the \(minimumSamples) "
          + "sample\(minimumSamples == 1 ? "" : "s") available for some problem: not reported")
    }
    return result
  }

  /// Up to eight ids, comma-separated.
  public static func list(_ ids: [String]) -> String {
    ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + ", ..."
  }
}
