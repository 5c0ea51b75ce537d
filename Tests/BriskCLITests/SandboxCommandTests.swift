import BriskTestSupport
import Foundation
import Testing

@Suite(.tags(.large))
struct SandboxCommandTests {
  @Test func execHelpIsTheDocumentedText() throws {
    let result = try BriskBinary.run(["sandbox", "exec", "--help"])
    #expect(result.status == 0)
    #expect(try Snapshot.matches(result.stdout, "Help/sandbox-exec.txt"), "\(result.stdout)")
  }

  @Test func jsonOutcomeHasTheStableKeys() throws {
    let result = try BriskBinary.run([
      "sandbox", "exec", "--json", "--policy", "python", "--", "python3.11", "-c",
      "import socket; socket.socket()",
    ])
    #expect(result.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["verdict"] as? String == "security_violation")
    #expect(object["syscall"] as? String == "socket")
    #expect(object["signal"] as? Int == 9)
    for key in ["exit_code", "cpu_ms", "wall_ms", "max_rss_kb", "stdout_bytes", "limit"] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
  }

  /// The JSON carries what the program wrote (it was dropped), and a program that never
  /// started is not said to miss every isolation layer.
  @Test func jsonOutcomeHoldsTheOutputAndNoLayersForALaunchFailure() throws {
    let ran = try BriskBinary.run([
      "sandbox", "exec", "--json", "--policy", "python", "--", "python3.11", "-c",
      "import sys; print('HELLO'); print('OOPS', file=sys.stderr)",
    ])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(ran.stdout.utf8)) as? [String: Any])
    #expect(object["stdout"] as? String == "HELLO\n")
    #expect(object["stderr"] as? String == "OOPS\n")
    #expect((object["missing_layers"] as? [String])?.isEmpty == true)
    let missing = try BriskBinary.run(["sandbox", "exec", "--json", "--", "/nonexistent/program"])
    let failed = try #require(
      try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any])
    #expect(failed["verdict"] as? String == "launch_failure")
    #expect(failed["missing_layers"] is NSNull, "\(missing.stdout)")
    let text = try BriskBinary.run(["sandbox", "exec", "--", "/nonexistent/program"])
    #expect(!text.stderr.contains("isolation"), "\(text.stderr)")
  }

  @Test func fileArgumentsAreExposedAndRunFromAnyDirectory() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-cli")
    defer { try? FileManager.default.removeItem(at: directory) }
    try "import sys\nprint(sys.stdin.read().upper())\n".write(
      to: directory.appendingPathComponent("shout.py"), atomically: true, encoding: .utf8)
    let result = try BriskBinary.run(
      ["sandbox", "exec", "--policy", "python", "--", "python3.11", "shout.py"],
      standardInput: Data("quiet".utf8), directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "QUIET\n")
    #expect(result.stderr.contains("verdict      ok"))

    // A file named twice, or inside a directory given with --ro, is mounted once; cat (which
    // calls fadvise64) reads it under the native policy.
    try "line\n".write(
      to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    for extra in [[], ["--ro", directory.path]] {
      let twice = try BriskBinary.run(
        ["sandbox", "exec", "--policy", "native"] + extra + [
          "--", "/usr/bin/cat", "a.txt", "a.txt",
        ],
        directory: directory)
      #expect(twice.status == 0 && twice.stdout == "line\nline\n", "\(extra): \(twice.stderr)")
    }
  }

  @Test func pythonUnderTheNativePolicyIsToldWhichPolicyToUse() throws {
    let native = try BriskBinary.run(["sandbox", "exec", "--", "python3.11", "-S", "-c", "pass"])
    #expect(native.status == 1)
    #expect(native.stderr.contains("security_violation"), "\(native.stderr)")
    #expect(native.stderr.contains("run it with --policy python"), "\(native.stderr)")
    let python = try BriskBinary.run(
      ["sandbox", "exec", "--policy", "python", "--", "python3.11", "-S", "-c", "pass"])
    #expect(python.status == 0, "\(python.stderr)")
    #expect(!python.stderr.contains("hint:"))
  }

  @Test func usageMistakesExitWith64() throws {
    let result = try BriskBinary.run(["sandbox", "exec", "--cpu", "0", "--", "true"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--cpu, --wall and --memory must be positive"))
  }

  @Test func doctorListsTheLayers() throws {
    let result = try BriskBinary.run(["sandbox", "doctor"])
    #expect(result.status == 0)
    for layer in ["seccomp", "user namespace", "PID namespace", "cgroups", "hardware counters"] {
      #expect(result.stdout.contains(layer))
    }
    #expect(result.stdout.contains("yes  tmpfs copy of /usr"), "\(result.stdout)")
  }

  /// Killing the harness with SIGKILL mid-run leaves no launcher, supervisor or program.
  @Test func nothingOutlivesAKilledHarness() throws {
    let marker = "brisk-orphan-check-\(UUID().uuidString.prefix(8))"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BriskBinary.path)
    process.arguments = [
      "sandbox", "exec", "--policy", "python", "--wall", "60", "--", "python3.11", "-c",
      "import time  # \(marker)\ntime.sleep(60)",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    func survivors() -> [Processes.Entry] {
      Processes.all().filter { $0.commandLine.contains(marker) }
    }
    var waited = 0
    while survivors().count < 2 && waited < 200 {  // brisk-launch and the program
      usleep(10_000)
      waited += 1
    }
    #expect(!survivors().isEmpty, "the program never started")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    waited = 0
    while !survivors().isEmpty && waited < 300 {
      usleep(10_000)
      waited += 1
    }
    #expect(survivors().isEmpty, "left behind: \(survivors())")
  }
}
