import TOMLKit

/// problem.toml, as written by an author (documented in Problems/README.md).
struct ProblemManifest: Decodable {
  struct Checker: Decodable {
    /// exact, float, unordered or custom.
    var kind: String
    var tolerance: Double?
    /// The custom checker's file, relative to the problem's directory.
    var file: String?

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      kind = try container.decode(String.self, forKey: .kind)
      tolerance = try container.decodeNumberIfPresent(forKey: .tolerance)
      file = try container.decodeIfPresent(String.self, forKey: .file)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, tolerance, file }
  }

  struct Tests: Decodable {
    /// "generated" (the default: Generators/<id>.py) or "assertions".
    var kind: String
    /// The assertions' file, relative to the problem's directory.
    var file: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, file }
  }

  struct Level: Decodable {
    var size: Int
    var tests: Int
    var weight: Double

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      size = try container.decode(Int.self, forKey: .size)
      tests = try container.decode(Int.self, forKey: .tests)
      weight = try container.decodeNumber(forKey: .weight)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case size, tests, weight }
  }

  struct PerformanceLevel: Decodable {
    var file: String
    var score: Double?

    init(file: String, score: Double?) {
      self.file = file
      self.score = score
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      file = try container.decode(String.self, forKey: .file)
      score = try container.decodeNumberIfPresent(forKey: .score)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, score }
  }

  struct KnownBad: Decodable {
    var file: String
    var expect: String
    var why: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case file, expect, why }
  }

  var title: String
  var entry_point: String
  var tags: [String]?
  var alpha: Double?
  var limit_slack_s: Double?
  var overflow_is_limit: Bool?
  var memory_mib: Int?
  var timeout_s: Double?
  var seed: Int?
  var checker: Checker?
  var levels: [Level]
  var dpe: [PerformanceLevel]?
  var known_bad: [KnownBad]?
  var tests: Tests?
  /// Where an imported problem came from (`brisk import` writes it): Brisk's rules for its own
  /// problems, which such data cannot meet, are then notes rather than findings.
  var imported_from: String?

  init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    title = try container.decode(String.self, forKey: .title)
    entry_point = try container.decode(String.self, forKey: .entry_point)
    tags = try container.decodeIfPresent([String].self, forKey: .tags)
    alpha = try container.decodeNumberIfPresent(forKey: .alpha)
    limit_slack_s = try container.decodeNumberIfPresent(forKey: .limit_slack_s)
    overflow_is_limit = try container.decodeIfPresent(Bool.self, forKey: .overflow_is_limit)
    memory_mib = try container.decodeIfPresent(Int.self, forKey: .memory_mib)
    timeout_s = try container.decodeNumberIfPresent(forKey: .timeout_s)
    seed = try container.decodeIfPresent(Int.self, forKey: .seed)
    checker = try container.decodeIfPresent(Checker.self, forKey: .checker)
    levels = try container.decode([Level].self, forKey: .levels)
    dpe = try container.decodeIfPresent([PerformanceLevel].self, forKey: .dpe)
    known_bad = try container.decodeIfPresent([KnownBad].self, forKey: .known_bad)
    tests = try container.decodeIfPresent(Tests.self, forKey: .tests)
    imported_from = try container.decodeIfPresent(String.self, forKey: .imported_from)
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case title, entry_point, tags, alpha, limit_slack_s, overflow_is_limit, memory_mib, timeout_s
    case seed, checker
    case levels, dpe
    case known_bad, tests, imported_from
  }

  /// The keys each table may hold, by its place ("" for the top level; lists of tables by
  /// their name): the decoders' own coding keys.
  static let allowedKeys: [String: [String]] = [
    "": names(CodingKeys.self), "checker": names(Checker.CodingKeys.self),
    "tests": names(Tests.CodingKeys.self), "levels": names(Level.CodingKeys.self),
    "dpe": names(PerformanceLevel.CodingKeys.self), "known_bad": names(KnownBad.CodingKeys.self),
  ]

  static func names<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) -> [String] {
    keys.allCases.map(\.stringValue)
  }

  /// One message per key the manifest does not define, naming where it is and the key it
  /// most resembles.
  static func unknownKeys(in table: TOMLTable) -> [String] {
    func check(_ table: TOMLTable, schema: String, place: String) -> [String] {
      let allowed = allowedKeys[schema] ?? []
      return table.keys.sorted().filter { !allowed.contains($0) }.map { key in
        let near = allowed.min { editDistance($0, key) < editDistance($1, key) }
        let hint = near.map { editDistance($0, key) <= 2 ? " (did you mean \($0)?)" : "" } ?? ""
        let known = allowed.joined(separator: ", ")
        return "unknown key \(key)\(place)\(hint); the keys here are \(known)"
      }
    }
    var messages = check(table, schema: "", place: "")
    for name in ["checker", "tests"] {
      if let inner = table[name]?.table {
        messages += check(inner, schema: name, place: " in [\(name)]")
      }
    }
    for name in ["levels", "dpe", "known_bad"] {
      guard let array = table[name]?.array else { continue }
      for (index, element) in array.enumerated() {
        guard let inner = element.table else { continue }
        messages += check(inner, schema: name, place: " in \(entry(name, index))")
      }
    }
    return messages
  }

  /// One entry of an array of tables as an author finds it in the file, counting from 1; a
  /// level also by the number Brisk gives it everywhere else, counting from 0.
  static func entry(_ array: String, _ index: Int) -> String {
    "[[\(array)]] #\(index + 1)" + (array == "levels" ? " (level \(index))" : "")
  }

  /// Levenshtein distance, for suggesting the key a misspelling meant.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  static let defaultAlpha = 2.0
  static let defaultLimitSlack = 0.01
  static let defaultMemoryMiB = 1024
  static let defaultTimeout = 10.0
}

extension KeyedDecodingContainer {
  /// A TOML number written either as an integer (2) or a float (2.0).
  fileprivate func decodeNumber(forKey key: Key) throws -> Double {
    if let value = try? decode(Double.self, forKey: key) { return value }
    if let value = try? decode(Int.self, forKey: key) { return Double(value) }
    throw DecodingError.typeMismatch(
      Double.self, .init(codingPath: codingPath + [key], debugDescription: "expected a number"))
  }

  fileprivate func decodeNumberIfPresent(forKey key: Key) throws -> Double? {
    guard contains(key) else { return nil }
    return try decodeNumber(forKey: key)
  }
}
