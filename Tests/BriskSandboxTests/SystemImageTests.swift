import BriskSandbox
import BriskTestSupport
import Foundation
import Testing

/// The tmpfs copy the sandbox serves instead of the host's /usr: what it holds, when it is
/// reused or built again, where it may live, and that a sandbox sees it and nothing else.
@Suite(.serialized, .tags(.large))
struct SystemImageTests {
  static let python = SystemImage.Contents(
    paths: ["/usr/bin/python3.11", "/usr/lib/python3.11"], dlopened: ["libgcc_s.so.1"])

  /// A private home on the machine's tmpfs, removed afterwards.
  static func home() throws -> String {
    let path = "/dev/shm/brisk-test-\(UUID().uuidString.prefix(8))"
    guard mkdir(path, 0o700) == 0 else { throw CocoaError(.fileWriteUnknown) }
    return path
  }

  @Test func anImageHoldsWhatItNamesAndTheLibrariesTheyLoad() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let image = try SystemImage.prepare(Self.python, home: home)
    let files = FileManager.default
    for path in [
      "usr/bin/python3.11", "usr/lib/python3.11/os.py", "usr/lib/x86_64-linux-gnu/libc.so.6",
      "usr/lib/x86_64-linux-gnu/libz.so.1", "usr/lib/x86_64-linux-gnu/libgcc_s.so.1",
      "usr/lib64/ld-linux-x86-64.so.2", "etc/ld.so.cache",
    ] {
      #expect(files.fileExists(atPath: "\(image.root)/\(path)"), "\(path) is missing")
    }
    // Nothing the contents do not name or load (ldd is a host tool).
    #expect(!files.fileExists(atPath: "\(image.root)/usr/bin/ldd"))
    // Times are kept: Python checks its bytecode against them.
    let host = try files.attributesOfItem(atPath: "/usr/lib/python3.11/os.py")
    let copy = try files.attributesOfItem(atPath: "\(image.root)/usr/lib/python3.11/os.py")
    #expect(host[.modificationDate] as? Date == copy[.modificationDate] as? Date)
    #expect(host[.size] as? Int == copy[.size] as? Int)
  }

  @Test func anUnchangedImageIsReusedAndAChangedFileMakesANewOne() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let extra = try Fixtures.temporaryDirectory("brisk-extra")
    defer { try? FileManager.default.removeItem(at: extra) }
    let script = extra.appendingPathComponent("script.py")
    try Data("x = 1\n".utf8).write(to: script)
    let contents = SystemImage.Contents(paths: ["/usr/bin/python3.11", extra.path])

    let first = try SystemImage.prepare(contents, home: home)
    #expect(try SystemImage.prepare(contents, home: home) == first)
    try Data("x = 22\n".utf8).write(to: script)
    let second = try SystemImage.prepare(contents, home: home)
    #expect(second != first)
    #expect(try String(contentsOfFile: second.root + script.path, encoding: .utf8) == "x = 22\n")
    // A day later, the image nobody uses any more is removed; the current one stays.
    let later = Date().addingTimeInterval(2 * 24 * 3600)
    _ = try SystemImage.prepare(contents, home: home, now: later)
    #expect(!FileManager.default.fileExists(atPath: first.root))
    #expect(FileManager.default.fileExists(atPath: second.root))
  }

  /// A tree outside the system (Brisk's scripts) is copied once under a name that stands for
  /// its content, whichever directory it is copied from.
  @Test func aResidentCopyIsMadeOnceByName() throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let tree = try Fixtures.temporaryDirectory("brisk-tree")
    defer { try? FileManager.default.removeItem(at: tree) }
    try FileManager.default.createDirectory(
      at: tree.appendingPathComponent("compiled"), withIntermediateDirectories: true)
    try Data("print(1)\n".utf8).write(to: tree.appendingPathComponent("compiled/a.py"))
    let copy = try SystemImage.residentCopy(of: tree.path, name: "v1", home: home)
    #expect(try String(contentsOfFile: "\(copy)/compiled/a.py", encoding: .utf8) == "print(1)\n")
    try Data("print(2)\n".utf8).write(to: tree.appendingPathComponent("compiled/a.py"))
    #expect(try SystemImage.residentCopy(of: tree.path, name: "v1", home: home) == copy)
    #expect(try String(contentsOfFile: "\(copy)/compiled/a.py", encoding: .utf8) == "print(1)\n")
  }

  @Test func aHomeOnDiskOrOpenToOthersIsRefused() throws {
    let onDisk = try Fixtures.temporaryDirectory("brisk-home")
    defer { try? FileManager.default.removeItem(at: onDisk) }
    #expect {
      try SystemImage.prepare(Self.python, home: onDisk.path)
    } throws: { "\($0)".contains("is not on a tmpfs") }

    let open = try Self.home()
    defer { try? FileManager.default.removeItem(atPath: open) }
    chmod(open, 0o777)
    #expect {
      try SystemImage.prepare(Self.python, home: open)
    } throws: { "\($0)".contains("others may write to it") }
  }

  /// The sandbox's /usr is the copy: what the image lacks is not there, what it holds runs.
  @Test func theSandboxServesTheImage() async throws {
    let home = try Self.home()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let image = try SystemImage.prepare(Self.python, home: home)
    var invocation = SandboxInvocation(
      program: "python3.11",
      arguments: [
        "-S", "-c",
        "import os, zlib; print(os.path.exists('/usr/bin/ldd'), "
          + "os.path.exists('/usr/lib/python3.11/os.py'), zlib.crc32(b'brisk'))",
      ], policy: .python)
    invocation.system = image
    let outcome = try await Sandbox().run(invocation)
    #expect(outcome.verdict == .ok, "\(outcome.json)")
    // zlib loads libz.so.1, which the image holds because ldd named it.
    #expect(String(decoding: outcome.stdout, as: UTF8.self) == "False True 2106775917\n")
  }
}
