import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// The loader reads the scaffold's problem, and every mistake an author can make in a manifest
/// gets a message naming the file and what to change.
@Suite(.tags(.medium))
struct ProblemLoaderTests {
  /// A fresh problem set holding the scaffold's example problem.
  func scaffolded() throws -> (URL, ProblemLoader) {
    let root = try Fixtures.temporaryDirectory("brisk-problems")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("Problems"), withIntermediateDirectories: true)
    let loader = ProblemLoader(path: root.path)
    _ = try ProblemScaffold(loader: loader).create("pairs")
    return (root, loader)
  }

  @Test func theScaffoldLoads() throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    let problem = try loader.load("pairs")
    #expect(problem.entryPoint == "count_pairs")
    #expect(problem.levels.map(\.weight) == [0, 3, 3, 4])
    #expect(problem.performanceLevels.map(\.solution.path).last == "reference.py")
    #expect(problem.performanceLevels.count == 3)
    #expect(problem.knownBad.map(\.expectation) == [.rejected, .slower])
    #expect(problem.checker == .exact)
    #expect(problem.alpha == 2)
    #expect(problem.version.count == 64)
    #expect(try loader.ids() == ["pairs"])
    // The same files give the same version; any edit gives another.
    #expect(try loader.load("pairs").version == problem.version)
    let reference = root.appendingPathComponent("Problems/pairs/reference.py")
    try (String(contentsOf: reference, encoding: .utf8) + "\n# edited\n").write(
      to: reference, atomically: true, encoding: .utf8)
    #expect(try loader.load("pairs").version != problem.version)
  }

  @Test(arguments: [
    ("alpha = 2.0", "alpha = 0.5", "alpha = 0.5: the time-limit factor must be above 1"),
    // TOML's inf and nan pass a plain `alpha <= 1` test; 2^46 MiB overflowed the byte count.
    ("alpha = 2.0", "alpha = inf", "alpha = inf: the time-limit factor must be above 1"),
    ("alpha = 2.0", "alpha = nan", "alpha = nan: the time-limit factor must be above 1"),
    ("memory_mib = 1024", "memory_mib = 99999999999999", "give 64 to 1048576 (MiB)"),
    ("timeout_s = 10", "timeout_s = inf", "timeout_s = inf: give seconds above 0"),
    ("weight = 3\n", "weight = nan\n", "[[levels]] #2 (level 1): a stress level needs a positive"),
    (
      "entry_point = \"count_pairs\"", "entry_point = \"count pairs\"",
      "is not a Python function name"
    ),
    ("kind = \"exact\"", "kind = \"fuzzy\"", "use exact, float, unordered or custom"),
    ("expect = \"slower\"", "expect = \"slow\"", "use \"rejected\" or \"slower\""),
    (
      "file = \"dpe/binary_search.py\"", "file = \"dpe/missing.py\"",
      "names dpe/missing.py, which is not a file"
    ),
    ("size = 8\ntests = 8\nweight = 0", "size = 8\ntests = 8\nweight = 1", "its weight must be 0"),
    ("title = \"Pairs that sum to a target\"", "", "missing title"),
    ("timeout_s = 10", "timeout_s = \"ten\"", "timeout_s: expected"),
    ("[checker]", "[checker", "line "),
    ("alpha = 2.0", "alpah = 2.0", "unknown key alpah (did you mean alpha?)"),
    (
      "size = 8\ntests = 8\nweight = 0", "size = 8\ntests = 8\nweigth = 0",
      "unknown key weigth in [[levels]] #1 (level 0) (did you mean weight?)"
    ),
    ("title = \"Pairs that sum to a target\"\n", "title = 3\n", "title has the wrong type"),
    ("size = 2000\n", "size = \"big\"\n", "size in [[levels]] #2 (level 1) has the wrong type"),
    ("size = 2000\n", "", "missing size in [[levels]] #2 (level 1)"),
    ("weight = 3\n", "weight = \"x\"\n", "weight in [[levels]] #2 (level 1): expected a number"),
    ("kind = \"exact\"\n", "", "missing kind in [checker]"),
    ("file = \"dpe/sort_and_scan.py\"", "file = 3", "file in [[dpe]] #2 has the wrong type"),
    ("kind = \"exact\"", "kind = \"exact\"\nexact = true", "unknown key exact in [checker]"),
    (
      "kind = \"exact\"", "kind = \"exact\"\nfile = \"checker.py\"",
      "[checker] file is read only with kind = \"custom\" (here kind = \"exact\")"
    ),
    (
      "kind = \"exact\"", "kind = \"unordered\"\ntolerance = 0.1",
      "[checker] tolerance is read only with kind = \"float\""
    ),
    (
      "kind = \"exact\"", "kind = \"float\"\ntolerance = -1.0",
      "[checker] tolerance = -1.0: it must be 0 or more"
    ),
    ("size = 2000\ntests = 4", "size = 2000\ntests = 0", "[[levels]] #2 (level 1): size must be"),
    (
      "file = \"dpe/binary_search.py\"", "file = \"dpe/sort_and_scan.py\"",
      "dpe/sort_and_scan.py is named by two [[dpe]] entries"
    ),
  ])
  func manifestMistakesAreExplained(original: String, replacement: String, message: String) throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    let manifest = root.appendingPathComponent("Problems/pairs/problem.toml")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    #expect(text.contains(original))
    try text.replacingOccurrences(of: original, with: replacement).write(
      to: manifest, atomically: true, encoding: .utf8)
    let error = #expect(throws: BriskError.self) { try loader.load("pairs") }
    #expect(error?.message.contains(manifest.path) == true, "\(String(describing: error))")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  /// TOMLKit ends the path of a missing key with the key itself: it was named twice
  /// ("missing entry_point in entry_point").
  @Test func aMissingKeyIsNamedOnce() throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    let manifest = root.appendingPathComponent("Problems/pairs/problem.toml")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    try text.replacingOccurrences(of: "entry_point = \"count_pairs\"\n", with: "").write(
      to: manifest, atomically: true, encoding: .utf8)
    let error = #expect(throws: BriskError.self) { try loader.load("pairs") }
    #expect(error?.message.hasSuffix("problem.toml: missing entry_point") == true)
  }

  @Test func aMissingPromptIsNamedAsMissing() throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.removeItem(at: root.appendingPathComponent("Problems/pairs/prompt.py"))
    let error = #expect(throws: BriskError.self) { try loader.load("pairs") }
    #expect(
      error?.message.hasSuffix(
        "Problems/pairs/prompt.py: missing: every problem has prompt.py beside its problem.toml")
        == true, "\(String(describing: error))")
  }

  /// A --problems that is missing or a file is named as given (the message named
  /// "<it>/Problems", a path the user never typed).
  @Test func aProblemSetThatIsNotADirectoryIsNamedAsGiven() throws {
    let missing = #expect(throws: BriskError.self) {
      try ProblemLoader(path: "/nonexistent-brisk-set").ids()
    }
    #expect(missing?.message.hasPrefix("/nonexistent-brisk-set: no such directory;") == true)
    let file = try Fixtures.temporaryDirectory("brisk-set-file").appendingPathComponent("set")
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    try "x".write(to: file, atomically: true, encoding: .utf8)
    let error = #expect(throws: BriskError.self) { try ProblemLoader(path: file.path).ids() }
    #expect(error?.message.hasPrefix("\(file.path): a file;") == true)
  }

  @Test func aMissingGeneratorIsNamed() throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.removeItem(at: root.appendingPathComponent("Generators/pairs.py"))
    let error = #expect(throws: BriskError.self) { try loader.load("pairs") }
    #expect(error?.message.contains("Generators/pairs.py: missing") == true)
  }

  /// Puts `code` at the start of the scaffold generator's random branch (after level 0's
  /// edge cases).
  func insertIntoGenerator(_ root: URL, _ code: String) throws {
    let generator = root.appendingPathComponent("Generators/pairs.py")
    let text = try String(contentsOf: generator, encoding: .utf8)
    #expect(text.contains("    spread = max(4, size // 2)"))
    try text.replacingOccurrences(
      of: "    spread = max(4, size // 2)", with: code + "    spread = max(4, size // 2)"
    ).write(to: generator, atomically: true, encoding: .utf8)
  }

  /// A generator that fails with tests still to come is stopped, not left writing into a pipe
  /// nobody reads until its 600 s wall limit (which took `brisk problem check` ten minutes).
  @Test func aGeneratorThatFailsEarlyIsReportedAtOnce() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    try insertIntoGenerator(
      root, "    if level == 2 and case == 1:\n        raise ValueError(\"boom\")\n")
    let problem = try #require(problems.first)
    let driver = GeneratorDriver(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate())
    let started = Date()
    let error = #expect(throws: BriskError.self) { try driver.inputs(for: problem) }
    #expect(error?.message.contains("the generator failed at level 2, case 1") == true)
    #expect(error?.message.contains("ValueError: boom") == true)
    #expect(error?.message.contains("brisk_generate") == false, "the driver's frames are left out")
    // Generating these tests takes about a second; a hang waits for the 600 s wall limit.
    #expect(Date().timeIntervalSince(started) < 120)
  }

  /// A generator that waits is stopped after the driver's patience for one test, not at the
  /// 600 s wall limit of the whole generation (ten minutes of `brisk problem check` before).
  @Test func aGeneratorThatWaitsIsStoppedAfterThePatience() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    try insertIntoGenerator(
      root, "    if level == 1 and case == 0:\n        import time\n        time.sleep(3600)\n")
    let driver = GeneratorDriver(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate(),
      patience: .seconds(3))
    let started = Date()
    let error = #expect(throws: BriskError.self) {
      try driver.inputs(for: try #require(problems.first))
    }
    let message = error?.message ?? ""
    #expect(
      message.contains(
        "the generator gave nothing for level 1, case 0 in 3 s, so Brisk stopped it"),
      "\(message)")
    #expect(message.contains("Generators/pairs.py: the generator gave nothing"), "\(message)")
    #expect(Date().timeIntervalSince(started) < 60)
  }

  /// `return values` where `(values, target)` was meant: the expert fails on the argument
  /// count, and the error points at the generator.
  @Test func anExpertGivenTheWrongArgumentCountPointsAtTheGenerator() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    let generator = root.appendingPathComponent("Generators/pairs.py")
    let text = try String(contentsOf: generator, encoding: .utf8)
    #expect(text.contains("    return (values, rng.randint(-spread, spread))"))
    try text.replacingOccurrences(
      of: "    return (values, rng.randint(-spread, spread))", with: "    return [1, 2, 3]"
    ).write(to: generator, atomically: true, encoding: .utf8)
    let problem = try #require(problems.first)
    let materializer = TestMaterializer(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate())
    let error = #expect(throws: BriskError.self) { try materializer.materialize(problem) }
    let message = error?.message ?? ""
    #expect(message.contains("takes 2 positional arguments but 3 were given"), "\(message)")
    #expect(
      message.contains(
        "\(problem.generatorPath): generate() gave 3 arguments; it returns the tuple of the "
          + "entry point's arguments"), "\(message)")
  }

  /// A generator returning a bare value is told what to return instead.
  @Test func aGeneratorReturningABareValueIsToldTheShape() throws {
    let (root, problems) = try SmallProblemSet.make()
    defer { try? FileManager.default.removeItem(at: root) }
    let generator = root.appendingPathComponent("Generators/pairs.py")
    let text = try String(contentsOf: generator, encoding: .utf8)
    try text.replacingOccurrences(
      of: "    return (values, rng.randint(-spread, spread))", with: "    return 5"
    ).write(to: generator, atomically: true, encoding: .utf8)
    let driver = GeneratorDriver(
      scripts: try TrustedScripts.install(), launcher: try Launcher.locate())
    let error = #expect(throws: BriskError.self) {
      try driver.inputs(for: try #require(problems.first))
    }
    #expect(
      error?.message.contains(
        "generate() returned int 5; it returns the tuple of the entry point's arguments, e.g. (5,)")
        == true, "\(String(describing: error))")
  }

  @Test func testSeedsArePureFunctions() throws {
    let (root, loader) = try scaffolded()
    defer { try? FileManager.default.removeItem(at: root) }
    let problem = try loader.load("pairs")
    #expect(problem.seed(level: 1, index: 2) == problem.seed(level: 1, index: 2))
    #expect(problem.seed(level: 1, index: 2) != problem.seed(level: 2, index: 1))
    #expect(problem.seed(level: 0, index: 0) < UInt64(1) << 63)
  }

  @Test func sha256MatchesKnownVectors() {
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let million = String(repeating: "a", count: 1_000_000)
    #expect(
      SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // Fed in pieces of every size from 1 to 130 bytes (within a block, across blocks, a
    // block and more), from contiguous and from other collections, the digest is the same.
    let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 3) }
    let whole = SHA256.hex(bytes)
    #expect(whole == "efde28ceb89076cd935d88a5e85a5c92dee461fff8bb5ff12547db5b97c85d63")  // hashlib
    for size in 1...130 {
      var hasher = SHA256()
      var start = 0
      while start < bytes.count {
        let piece = bytes[start..<min(start + size, bytes.count)]
        if size % 2 == 0 { hasher.update(piece) } else { hasher.update(piece.lazy.map { $0 }) }
        start += size
      }
      #expect(hasher.finalize().hexString == whole, "pieces of \(size)")
    }
  }
}
