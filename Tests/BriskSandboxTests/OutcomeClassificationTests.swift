import Foundation
import Testing

@testable import BriskSandbox

/// Each verdict rule, from synthetic launcher reports.
@Suite(.tags(.small))
struct OutcomeClassificationTests {
  static let limits = SandboxLimits(
    cpuTime: .seconds(1), wallTime: .seconds(2), memoryBytes: 100 << 20)

  func outcome(_ fields: String) throws -> Outcome {
    let base = """
      {"version":1,"status":"ran","error":null,"exit_code":0,"signal":null,"cpu_ns":1000000,
      "user_us":900,"sys_us":100,"wall_ns":2000000,"max_rss_kb":1000,"stdout_bytes":0,
      "stderr_bytes":0,"limit":null,"violation":null,"refused_request_bytes":0,
      "layers":{"user_ns":true,"pid_ns":true,"net_ns":true,"mount_ns":true,"ipc_ns":true,
      "uts_ns":true,"filesystem":true,"seccomp":true}}
      """
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any])
    let overrides = try #require(
      try JSONSerialization.jsonObject(with: Data("{\(fields)}".utf8)) as? [String: Any])
    object.merge(overrides) { $1 }
    let report = try JSONDecoder().decode(
      LauncherReport.self, from: JSONSerialization.data(withJSONObject: object))
    return Outcome(report: report, stdout: [], stderr: [], limits: Self.limits, policy: .python)
  }

  @Test(arguments: [
    (#""exit_code":0"#, Verdict.ok, FiredLimit?.none),
    (#""exit_code":1"#, .runtimeError, nil),
    (#""exit_code":null,"signal":11"#, .runtimeError, nil),
    (#""exit_code":null,"signal":9,"limit":"cpu""#, .timeLimit, .cpu),
    (#""exit_code":null,"signal":9,"limit":"wall""#, .timeLimit, .wall),
    (#""exit_code":null,"signal":24"#, .timeLimit, .cpu),
    (#""exit_code":null,"signal":9,"cpu_ns":1000000001"#, .timeLimit, .cpu),
    (#""exit_code":null,"signal":9,"limit":"stdout""#, .outputLimit, .stdout),
    (#""exit_code":null,"signal":9,"limit":"stderr""#, .outputLimit, .stderr),
    (#""exit_code":null,"signal":25"#, .outputLimit, .fileSize),
    (#""exit_code":1,"refused_request_bytes":53687091200"#, .memoryLimit, .memory),
    (#""exit_code":0,"refused_request_bytes":53687091200"#, .ok, nil),
    (#""exit_code":1,"max_rss_kb":96000"#, .memoryLimit, .memory),
    (#""exit_code":1,"max_rss_kb":50000"#, .runtimeError, nil),
    (#""exit_code":null,"signal":31"#, .securityViolation, nil),
    (
      #""exit_code":null,"signal":9,"violation":{"syscall":"socket","nr":41,"pid":2}"#,
      .securityViolation, nil
    ),
    (#""status":"setup_failed","error":"mount failed""#, .launchFailure, nil),
    (#""status":"exec_failed","error":"cannot execute""#, .launchFailure, nil),
  ])
  func verdict(fields: String, verdict: Verdict, limit: FiredLimit?) throws {
    let outcome = try outcome(fields)
    #expect(outcome.verdict == verdict)
    #expect(outcome.limit == limit)
  }

  @Test func violationKeepsTheSyscallName() throws {
    let outcome = try outcome(#""signal":9,"violation":{"syscall":"ptrace","nr":101,"pid":2}"#)
    #expect(outcome.violation == Violation(syscall: "ptrace", number: 101, pid: 2))
    #expect(outcome.json.contains(#""syscall":"ptrace""#))
  }

  @Test func missingLayersAreNamed() throws {
    let outcome = try outcome(
      #""layers":{"user_ns":true,"pid_ns":true,"net_ns":false,"mount_ns":true,"ipc_ns":true,"uts_ns":true,"filesystem":true,"seccomp":true}"#
    )
    #expect(outcome.layers.missing == ["network namespace"])
  }

  @Test func jsonHasTheStableKeys() throws {
    let object = try outcome(#""exit_code":0"#).jsonObject
    for key in [
      "verdict", "exit_code", "signal", "cpu_ms", "wall_ms", "max_rss_kb", "stdout_bytes", "limit",
      "syscall",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
  }
}
