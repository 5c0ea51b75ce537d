import Foundation
import TOMLKit

/// Reads problems from a problem set: `Problems/<id>/problem.toml` and friends, with each
/// generator at `Generators/<id>.py` beside `Problems/`. Every error names the file and says
/// what to change.
public struct ProblemLoader: Sendable {
  /// The directory holding one folder per problem.
  public let problemsDirectory: URL
  /// The directory holding `<id>.py` generators.
  public let generatorsDirectory: URL

  /// `path` is a problem set (a directory holding `Problems/` and `Generators/`), or the set's
  /// `Problems/` directory itself.
  public init(path: String) {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    problemsDirectory =
      url.lastPathComponent == "Problems" ? url : url.appendingPathComponent("Problems")
    generatorsDirectory = problemsDirectory.deletingLastPathComponent()
      .appendingPathComponent("Generators")
  }

  /// Ids of every problem in the set, sorted.
  public func ids() throws -> [String] {
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: problemsDirectory.path)
    } catch {
      // Name what the user gave when it is the set itself that is wrong.
      let set = problemsDirectory.deletingLastPathComponent().path
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: set, isDirectory: &isDirectory)
      if !exists || !isDirectory.boolValue {
        throw BriskError(
          "\(set): \(exists ? "a file" : "no such directory"); --problems takes a problem set "
            + "(a directory holding Problems/ and Generators/) or its Problems/")
      }
      throw BriskError(
        "\(problemsDirectory.path): cannot list problems (\(FileFailure.reason(error)))")
    }
    return entries.filter {
      FileManager.default.fileExists(
        atPath: problemsDirectory.appendingPathComponent($0).appendingPathComponent("problem.toml")
          .path)
    }.sorted()
  }

  public func loadAll() throws -> [Problem] {
    try ids().map(load)
  }

  /// Letters, digits, '_' and '-', starting with a letter or digit: a directory name that is
  /// never a path.
  public static func isValidID(_ id: String) -> Bool {
    id.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]*$"#, options: .regularExpression) != nil
  }

  /// Whether `name` can name a Python function (an entry point).
  static func isFunctionName(_ name: String) -> Bool {
    name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil
  }

  public func load(_ id: String) throws -> Problem {
    let directory = problemsDirectory.appendingPathComponent(id)
    let manifestURL = directory.appendingPathComponent("problem.toml")
    let manifestPath = manifestURL.path
    guard Self.isValidID(id) else {
      throw BriskError.problem(
        directory.path, "a problem id may hold letters, digits, '_' and '-' only")
    }
    guard FileManager.default.fileExists(atPath: manifestPath) else {
      throw BriskError.problem(
        manifestPath, "no such file: is \(id) a problem of \(problemsDirectory.path)?")
    }
    let text = try readText(manifestURL)
    let manifest: ProblemManifest
    do {
      // A misspelt key would otherwise be ignored and its default used without a word.
      if let unknown = ProblemManifest.unknownKeys(in: try TOMLTable(string: text)).first {
        throw BriskError.problem(manifestPath, unknown)
      }
      manifest = try TOMLDecoder().decode(ProblemManifest.self, from: text)
    } catch let error as TOMLParseError {
      throw BriskError.problem(
        manifestPath,
        "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"
      )
    } catch let error as DecodingError {
      throw BriskError.problem(
        manifestPath, Self.explain(error, table: try? TOMLTable(string: text)))
    }
    func file(_ relative: String, field: String) throws -> SolutionFile {
      let url = directory.appendingPathComponent(relative)
      guard !relative.hasPrefix("/"), !relative.contains(".."),
        FileManager.default.fileExists(atPath: url.path)
      else {
        // prompt.py and reference.py are every problem's, not named by the manifest.
        guard field != "the problem" else {
          throw BriskError.problem(
            url.path, "missing: every problem has \(relative) beside its problem.toml")
        }
        throw BriskError.problem(
          manifestPath, "\(field) names \(relative), which is not a file in \(directory.path)")
      }
      return SolutionFile(path: relative, source: try readText(url))
    }
    var assertions: String?
    if let tests = manifest.tests {
      switch tests.kind {
      case "generated": break
      case "assertions":
        guard let path = tests.file else {
          throw BriskError.problem(
            manifestPath, "[tests] kind = \"assertions\" needs file = \"tests.py\"")
        }
        assertions = try file(path, field: "[tests] file").source
      default:
        throw BriskError.problem(
          manifestPath, "[tests] kind = \"\(tests.kind)\"; use generated or assertions")
      }
    }
    try validate(manifest, path: manifestPath, assertions: assertions != nil)

    let prompt = try file("prompt.py", field: "the problem").source
    guard prompt.contains("def \(manifest.entry_point)(") else {
      throw BriskError.problem(
        directory.appendingPathComponent("prompt.py").path,
        "the prompt must define `def \(manifest.entry_point)(`, the manifest's entry_point")
    }
    let reference = try file("reference.py", field: "the problem")
    let declared = manifest.dpe ?? [.init(file: "reference.py", score: nil)]
    guard declared.last?.file == "reference.py" else {
      throw BriskError.problem(
        manifestPath,
        "the last [[dpe]] entry must be reference.py: levels go from slow to fast and the expert "
          + "reference is the fastest")
    }
    // One file as two levels would be measured twice and could never be 1.25x apart.
    for (index, level) in declared.enumerated()
    where declared[..<index].contains(where: { $0.file == level.file }) {
      throw BriskError.problem(
        manifestPath,
        "\(level.file) is named by two [[dpe]] entries (#\(index + 1) and an earlier one)")
    }
    let performanceLevels = try declared.enumerated().map { index, level in
      if let score = level.score, !score.isFinite {
        throw BriskError.problem(
          manifestPath, "\(ProblemManifest.entry("dpe", index)): score = \(score) is not a number")
      }
      return PerformanceLevel(
        solution: try file(level.file, field: ProblemManifest.entry("dpe", index)),
        score: level.score)
    }
    let knownBad = try (manifest.known_bad ?? []).enumerated().map { index, bad in
      guard let expectation = KnownBadSolution.Expectation(rawValue: bad.expect) else {
        throw BriskError.problem(
          manifestPath,
          "\(ProblemManifest.entry("known_bad", index)): expect = \"\(bad.expect)\"; use \"rejected\" or \"slower\""
        )
      }
      return KnownBadSolution(
        solution: try file(bad.file, field: ProblemManifest.entry("known_bad", index)),
        expectation: expectation, why: bad.why)
    }
    let checker = try checkerKind(
      manifest.checker, directory: directory, manifestPath: manifestPath)
    let generator = generatorsDirectory.appendingPathComponent("\(id).py")
    var generatorSource = ""
    if assertions == nil {
      guard FileManager.default.fileExists(atPath: generator.path) else {
        throw BriskError.problem(
          generator.path,
          "missing: every problem needs a generator defining generate(size, level, case, rng)")
      }
      generatorSource = try readText(generator)
    }

    var hasher = SHA256()
    hasher.update("brisk-problem-v1\0\(text)\0\(prompt)\0\(generatorSource)\0\(assertions ?? "")\0")
    for solution in performanceLevels.map(\.solution) + knownBad.map(\.solution) {
      hasher.update("\(solution.path)\0\(solution.source)\0")
    }
    if case .custom(let path) = checker { hasher.update(try readText(URL(fileURLWithPath: path))) }

    return Problem(
      id: id, title: manifest.title, tags: manifest.tags ?? [], entryPoint: manifest.entry_point,
      prompt: prompt, reference: reference, performanceLevels: performanceLevels,
      knownBad: knownBad,
      levels: manifest.levels.map { TestLevel(size: $0.size, tests: $0.tests, weight: $0.weight) },
      alpha: manifest.alpha ?? ProblemManifest.defaultAlpha,
      memoryBytes: (manifest.memory_mib ?? ProblemManifest.defaultMemoryMiB) << 20,
      timeout: manifest.timeout_s ?? ProblemManifest.defaultTimeout, checker: checker,
      assertions: assertions, generatorPath: generator.path, directory: directory.path,
      seed: UInt64(manifest.seed ?? 0), version: hasher.finalize().hexString,
      limitSlack: manifest.limit_slack_s ?? ProblemManifest.defaultLimitSlack,
      overflowIsLimit: manifest.overflow_is_limit ?? false, importedFrom: manifest.imported_from)
  }

  private func validate(_ manifest: ProblemManifest, path: String, assertions: Bool) throws {
    func fail(_ message: String) -> BriskError { .problem(path, message) }
    if manifest.title.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("title is empty") }
    if !Self.isFunctionName(manifest.entry_point) {
      throw fail("entry_point \"\(manifest.entry_point)\" is not a Python function name")
    }
    // Comparisons written so that nan and inf fail them too (TOML allows both).
    if let alpha = manifest.alpha, !(alpha > 1 && alpha.isFinite) {
      throw fail("alpha = \(alpha): the time-limit factor must be above 1 (ENAMEL uses 2)")
    }
    if let slack = manifest.limit_slack_s, !(slack >= 0 && slack <= 10) {
      throw fail("limit_slack_s = \(slack): give seconds between 0 and 10 (ENAMEL uses 0.01)")
    }
    // The sandbox takes bytes as a 64-bit number: 2^20 MiB (a TiB) is far beyond any machine.
    if let memory = manifest.memory_mib, !(64...(1 << 20)).contains(memory) {
      throw fail("memory_mib = \(memory): give 64 to 1048576 (MiB)")
    }
    if let timeout = manifest.timeout_s, !(timeout > 0 && timeout <= 3600) {
      throw fail("timeout_s = \(timeout): give seconds above 0, at most 3600")
    }
    if assertions {
      guard manifest.levels.count == 1, manifest.levels[0].tests == 1 else {
        throw fail("a problem tested by assertions has exactly one level, of one test")
      }
    } else if manifest.levels.count < 2 {
      throw fail("give at least two [[levels]]: level 0 for correctness, then stress levels")
    }
    if manifest.levels[0].weight != 0 {
      throw fail("[[levels]] #1 is the correctness level: its weight must be 0")
    }
    for (index, level) in manifest.levels.enumerated() {
      if level.size < 0 || level.tests < 1 {
        throw fail("\(ProblemManifest.entry("levels", index)): size must be >= 0 and tests >= 1")
      }
      if index > 0 && !(level.weight > 0 && level.weight.isFinite) {
        throw fail(
          "\(ProblemManifest.entry("levels", index)): a stress level needs a positive, finite "
            + "weight")
      }
    }
  }

  private func checkerKind(
    _ checker: ProblemManifest.Checker?, directory: URL, manifestPath: String
  ) throws -> CheckerKind {
    guard let checker else { return .exact }
    // A setting another kind reads would be silently ignored: say which kind reads it.
    if checker.file != nil && checker.kind != "custom" {
      throw BriskError.problem(
        manifestPath,
        "[checker] file is read only with kind = \"custom\" (here kind = \"\(checker.kind)\"): "
          + "set kind = \"custom\", or remove file")
    }
    if checker.tolerance != nil && checker.kind != "float" {
      throw BriskError.problem(
        manifestPath,
        "[checker] tolerance is read only with kind = \"float\" (here kind = \"\(checker.kind)\"): "
          + "set kind = \"float\", or remove tolerance")
    }
    switch checker.kind {
    case "exact": return .exact
    case "unordered": return .unordered
    case "float":
      let tolerance = checker.tolerance ?? 1e-9
      guard tolerance >= 0, tolerance.isFinite else {
        throw BriskError.problem(
          manifestPath, "[checker] tolerance = \(tolerance): it must be 0 or more (1e-6 is typical)"
        )
      }
      return .float(tolerance: tolerance)
    case "custom":
      guard let file = checker.file else {
        throw BriskError.problem(
          manifestPath, "[checker] kind = \"custom\" needs file = \"checker.py\"")
      }
      let url = directory.appendingPathComponent(file)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw BriskError.problem(manifestPath, "[checker] file \(file) does not exist")
      }
      return .custom(path: url.path)
    default:
      throw BriskError.problem(
        manifestPath, "[checker] kind = \"\(checker.kind)\"; use exact, float, unordered or custom")
    }
  }

  private func readText(_ url: URL) throws -> String {
    try InputFile.text(url.path)
  }

  /// Whether the manifest holds a value at `path` (TOMLKit reports a value of the wrong type
  /// as a missing key, so the table itself tells the two apart).
  private static func present(_ path: [CodingKey], in table: TOMLTable?) -> Bool {
    var node: TOMLValueConvertible? = table
    for key in path {
      // TOMLKit hands out nested values wrapped: `.array` and `.table` unwrap them.
      if let index = key.intValue {
        guard let array = node?.array, array.indices.contains(index) else { return false }
        node = array[index]
      } else {
        guard let current = node?.table, let next = current[key.stringValue] else {
          return false
        }
        node = next
      }
    }
    return true
  }

  private static func explain(_ error: DecodingError, table: TOMLTable?) -> String {
    /// A key as the manifest spells it: `size in [[levels]] #2 (level 1)`, `kind in [checker]`.
    func field(_ path: [CodingKey]) -> String {
      var leaf: String?
      var places: [String] = []
      for (offset, key) in path.enumerated() {
        if let index = key.intValue {
          let name = places.popLast().map { String($0.dropFirst().dropLast()) } ?? "?"
          places.append(ProblemManifest.entry(name, index))
        } else if offset == path.count - 1 {
          leaf = key.stringValue
        } else {
          places.append("[\(key.stringValue)]")
        }
      }
      return ([leaf].compactMap { $0 } + places).joined(separator: " in ")
    }
    func kind(_ type: Any.Type) -> String {
      switch type {
      case is Double.Type: "a number"
      case is Int.Type: "an integer"
      case is String.Type: "a string"
      case is Bool.Type: "true or false"
      default: "\(type)".hasPrefix("Array") ? "a list" : "\(type)"
      }
    }
    switch error {
    case .keyNotFound(let key, let context):
      // TOMLKit puts the missing key at the end of the path, and reports a value of the
      // wrong type as missing.
      var path = context.codingPath
      if path.last?.stringValue == key.stringValue { path.removeLast() }
      path.append(key)
      if present(path, in: table) {
        return "\(field(path)) has the wrong type"
      }
      return "missing \(field(path))"
    case .typeMismatch(let type, let context):
      return "\(field(context.codingPath)): expected \(kind(type))"
    case .valueNotFound(let type, let context):
      return "\(field(context.codingPath)): expected \(kind(type))"
    case .dataCorrupted(let context):
      return "\(field(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
