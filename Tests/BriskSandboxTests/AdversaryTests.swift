import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

/// Every hostile program is contained with its expected verdict, the harness stays up, and
/// nothing any of them started outlives its run.
@Suite(.serialized, .tags(.large))
struct AdversaryTests {
  /// A slot of its own gives these runs a uid nothing else uses (when the tests run as root).
  static let slot = 77
  static let adversaries = Adversary.all()

  @Test func suiteIsComplete() {
    #expect(Self.adversaries.count >= 30)
    #expect(Self.adversaries.contains { $0.isPython })
    #expect(Self.adversaries.contains { !$0.isPython })
  }

  @Test(arguments: adversaries)
  func contained(_ adversary: Adversary) async throws {
    let secret = "brisk-secret-\(UUID().uuidString)"
    let secretFile = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent(".brisk-test-secret-\(UUID().uuidString.prefix(8))")
    try secret.write(to: secretFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: secretFile) }

    let program =
      try adversary.isPython ? "python3.11" : CompiledFixtures.shared.get().path(for: adversary)
    let arguments = (adversary.isPython ? [adversary.file.path] : []) + [secretFile.path]
    let invocation = SandboxInvocation(
      program: program, arguments: arguments, policy: adversary.isPython ? .python : .native,
      limits: adversary.limits,
      standardInput: adversary.standardInputBytes > 0
        ? .bytes([UInt8](repeating: 0x61, count: adversary.standardInputBytes)) : .empty,
      exposedPaths: adversary.isPython ? [ExposedPath(adversary.file.path)] : [],
      slot: Self.slot)
    let outcome = try await Sandbox().run(invocation)
    let stdout = String(decoding: outcome.stdout, as: UTF8.self)
    let stderr = String(decoding: outcome.stderr, as: UTF8.self)
    let context = Comment(rawValue: "\(outcome.json)\nstderr: \(stderr.suffix(600))")

    #expect(outcome.verdict == adversary.verdict, context)
    let expected = adversary.expectations
    if let syscall = expected["syscall"] { #expect(outcome.violation?.syscall == syscall, context) }
    if let limit = expected["limit"] { #expect(outcome.limit?.rawValue == limit, context) }
    if let code = expected["exit"] { #expect(outcome.exitCode == Int32(code), context) }
    if let signal = expected["signal"] { #expect(outcome.signal == Int32(signal), context) }
    if let text = expected["stdout"] { #expect(stdout.contains(text), context) }
    if let text = expected["stderr"] { #expect(stderr.contains(text), context) }
    #expect(!stdout.contains(secret) && !stderr.contains(secret), "the secret leaked")
    #expect(outcome.layers.missing.isEmpty, "isolation incomplete: \(outcome.layers.missing)")
    for escape in ["/usr/brisk-escape", "/etc/brisk-escape", "/brisk-escape", "/tmp/big.bin"] {
      #expect(!FileManager.default.fileExists(atPath: escape), "\(escape) was written on the host")
    }
    let leftovers = Processes.all().filter { process in
      process.commandLine.contains(Adversary.directory.path)
        || process.commandLine.contains(CompiledFixtures.prefix)
        || (geteuid() == 0 && process.uid == 100_000 + Self.slot)
    }
    #expect(leftovers.isEmpty, "left behind: \(leftovers)")
  }
}

/// The C adversaries, compiled once per test run (by the test itself: they are trusted here).
struct CompiledFixtures: Sendable {
  static let prefix = "brisk-adversaries"
  static let shared: Result<CompiledFixtures, CompileError> = Result { () throws(CompileError) in
    try compile()
  }

  let directory: URL

  func path(for adversary: Adversary) -> String {
    directory.appendingPathComponent(adversary.file.deletingPathExtension().lastPathComponent).path
  }

  struct CompileError: Error, CustomStringConvertible {
    var description: String
  }

  private static func compile() throws(CompileError) -> CompiledFixtures {
    guard let directory = try? Fixtures.temporaryDirectory(prefix) else {
      throw CompileError(description: "cannot create a temporary directory")
    }
    for adversary in Adversary.all() where !adversary.isPython {
      let compiler = Process()
      compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      compiler.arguments = [
        "cc", "-O1", "-w", "-o",
        directory.appendingPathComponent(
          adversary.file.deletingPathExtension().lastPathComponent
        ).path, adversary.file.path,
      ]
      do {
        try compiler.run()
        compiler.waitUntilExit()
      } catch {
        throw CompileError(description: "cannot run cc: \(error)")
      }
      guard compiler.terminationStatus == 0 else {
        throw CompileError(description: "cc failed on \(adversary.name)")
      }
    }
    return CompiledFixtures(directory: directory)
  }
}
