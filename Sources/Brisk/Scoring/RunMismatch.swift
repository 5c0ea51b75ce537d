import Foundation

/// Why an unfinished run of the same submission and model was not taken up by this scoring:
/// a run resumes only under the same settings, machine and problem versions, and otherwise a
/// new run starts, which without a word reads as the old one being lost.
struct RunMismatch: Sendable, Equatable {
  /// What the earlier run was started with.
  struct Start: Sendable {
    var machine: MachineFingerprint?
    var configuration: String
    var fresh: Bool
    var versions: [String: String]
  }

  var reasons: [String]

  init(earlier: Start, now: Start) {
    var reasons: [String] = []
    if earlier.fresh != now.fresh {
      reasons.append(
        earlier.fresh
          ? "it was a --fresh run (add --fresh to take it up)"
          : "it was not a --fresh run (the command without --fresh takes it up)")
    }
    if let before = earlier.machine, let after = now.machine, before != after {
      let fields: [(String, String, String)] = [
        ("CPU", before.cpuModel, after.cpuModel), ("CPUs", "\(before.cores)", "\(after.cores)"),
        ("kernel", before.kernel, after.kernel),
        ("Python", before.pythonVersion, after.pythonVersion),
        ("Brisk", before.briskVersion, after.briskVersion),
      ]
      let changed = fields.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.2), was \($0.1)" }
      reasons.append(
        "this machine differs from the one it started on (\(changed.joined(separator: "; ")))")
    }
    let settings = Self.changedSettings(earlier.configuration, now.configuration)
    if !settings.isEmpty {
      reasons.append("its measurement settings differ (\(settings.joined(separator: ", ")))")
    }
    let problems = Set(earlier.versions.keys).union(now.versions.keys).sorted().filter {
      earlier.versions[$0] != now.versions[$0]
    }
    if !problems.isEmpty {
      let shown = problems.prefix(3).joined(separator: ", ") + (problems.count > 3 ? ", ..." : "")
      reasons.append(
        "\(problems.count) problem\(problems.count == 1 ? "" : "s") changed or scored only in "
          + "one of the two (\(shown))")
    }
    self.reasons = reasons
  }

  /// The top-level settings whose values differ (a repetition rule, the runner's hash...).
  static func changedSettings(_ a: String, _ b: String) -> [String] {
    guard a != b else { return [] }
    func object(_ text: String) -> [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    func canonical(_ value: Any) -> Data? {
      try? JSONSerialization.data(withJSONObject: [value], options: .sortedKeys)
    }
    let (left, right) = (object(a), object(b))
    let keys = Set<String>(Array(left.keys)).union(Array(right.keys)).sorted()
    let changed = keys.filter { (key: String) -> Bool in
      guard let x = left[key], let y = right[key] else { return true }
      return canonical(x) != canonical(y)
    }
    return changed.isEmpty ? ["configuration"] : changed
  }
}
