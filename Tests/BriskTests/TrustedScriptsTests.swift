import BriskRunner
import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// The trusted scripts' cache: one directory per version, the unused ones of other versions
/// removed after 30 days.
@Suite(.tags(.medium))
struct TrustedScriptsTests {
  @Test func otherVersionsUnusedFor30DaysAreRemoved() throws {
    let cache = try Fixtures.temporaryDirectory("brisk-cache")
    defer { try? FileManager.default.removeItem(at: cache) }
    let files = FileManager.default
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let day: TimeInterval = 24 * 3600
    let current = URL(fileURLWithPath: try TrustedScripts.install(cache: cache, now: now).directory)
    #expect(files.fileExists(atPath: current.appendingPathComponent("brisk_runner.py").path))
    let compiled = try files.contentsOfDirectory(
      atPath: current.appendingPathComponent("compiled").path)
    #expect(compiled.contains { $0.hasPrefix("_brisk_calls.") && $0.hasSuffix(".so") })

    func make(_ name: String, directory: Bool = true, age: TimeInterval) throws {
      let url = cache.appendingPathComponent(name)
      if directory {
        try files.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: url.appendingPathComponent("brisk_runner.py"))
      } else {
        try Data("x".utf8).write(to: url)
      }
      try files.setAttributes([.modificationDate: now - age], ofItemAtPath: url.path)
    }
    try make("python-0000000000000000", age: 40 * day)  // an old version, unused
    try make("python-1111111111111111", age: 10 * day)  // an old version, used lately
    try make("staging-crashed", age: 2 * day)  // a crashed install
    try make("staging-running", age: 3600)  // an install in progress
    try make("python-not-a-directory", directory: false, age: 40 * day)
    try make("notes", age: 40 * day)  // not Brisk's
    // The current version's directory is kept however long it went unused, and marked used.
    try files.setAttributes([.modificationDate: now - 60 * day], ofItemAtPath: current.path)

    _ = try TrustedScripts.install(cache: cache, now: now)
    let left = Set(try files.contentsOfDirectory(atPath: cache.path))
    #expect(
      left == [
        current.lastPathComponent, "python-1111111111111111", "staging-running",
        "python-not-a-directory", "notes",
      ])
    let used = try files.attributesOfItem(atPath: current.path)[.modificationDate] as? Date
    #expect(used == now)
  }

  /// The runner's code decides what a call is charged for, so every run records the hash of
  /// the scripts that measured it, and evaluations from another runner are never reused.
  @Test func runsRecordTheRunnerThatMeasuredThem() throws {
    let cache = try Fixtures.temporaryDirectory("brisk-cache")
    defer { try? FileManager.default.removeItem(at: cache) }
    let installed = try TrustedScripts.install(cache: cache)
    #expect(
      URL(fileURLWithPath: installed.directory).lastPathComponent
        == "python-\(TrustedScripts.contentHash)")
    let configuration = ScoringOptions(workers: 1).configuration
    #expect(configuration.contains("\"runner\":\"\(TrustedScripts.contentHash)\""))
    let settings = try #require(
      try JSONSerialization.jsonObject(with: Data(configuration.utf8)) as? [String: Any])
    #expect(settings["runner"] as? String == TrustedScripts.contentHash)
  }

  /// A C loop that does not compile stops the install with the compiler's message and what to
  /// install, rather than leaving a runner that cannot serve calls.
  @Test func aBuildFailureSaysWhatToInstall() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-build")
    defer { try? FileManager.default.removeItem(at: directory) }
    for file in BriskRunner.TrustedPython.files where file.name == "brisk_build.py" {
      try Data(file.content).write(to: directory.appendingPathComponent(file.name))
    }
    try Data("int broken(void) { return }\n".utf8).write(
      to: directory.appendingPathComponent("brisk_calls.c"))
    let error = #expect(throws: BriskError.self) {
      try TrustedScripts.buildCalls(in: directory)
    }
    #expect(error?.message.contains("brisk_calls.c") == true)
    #expect(error?.message.contains("python3.11-dev") == true)
  }
}
