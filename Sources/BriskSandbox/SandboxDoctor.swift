import CBriskSystem
import Foundation

/// What the sandbox can rely on on this machine.
public struct SandboxDiagnosis: Sendable {
  /// One layer or facility and whether it is active.
  public struct Check: Sendable, Equatable {
    public var name: String
    public var active: Bool
    public var detail: String
    /// A run is refused without it.
    public var required: Bool

    public init(name: String, active: Bool, detail: String, required: Bool) {
      self.name = name
      self.active = active
      self.detail = detail
      self.required = required
    }
  }

  public var checks: [Check]

  /// Seccomp is the layer nothing may run without.
  public var seccompAvailable: Bool {
    checks.contains { $0.name == "seccomp" && $0.active }
  }
}

/// Probes the sandbox's layers by running real programs through brisk-launch.
public struct SandboxDoctor: Sendable {
  public let sandbox: Sandbox

  public init(sandbox: Sandbox) {
    self.sandbox = sandbox
  }

  public func diagnose() async -> SandboxDiagnosis {
    var checks: [SandboxDiagnosis.Check] = []
    let probe: Outcome
    do {
      probe = try await sandbox.run(SandboxInvocation(program: "true", policy: .native))
    } catch {
      return SandboxDiagnosis(checks: [
        .init(name: "launcher", active: false, detail: error.description, required: true)
      ])
    }
    let launched = probe.verdict == .ok
    checks.append(
      .init(
        name: "launcher", active: launched,
        detail: launched ? sandbox.launcher.path : (probe.message ?? "\(probe.verdict)"),
        required: true))
    let layers = probe.layers
    checks.append(
      .init(
        name: "seccomp", active: layers.seccomp,
        detail: layers.seccomp
          ? "allowlist per policy; refused calls reported by name (user notification)"
          : "unavailable: brisk refuses to run programs", required: true))
    for (name, active) in [
      ("user namespace", layers.userNamespace), ("PID namespace", layers.pidNamespace),
      ("network namespace", layers.networkNamespace), ("mount namespace", layers.mountNamespace),
      ("IPC namespace", layers.ipcNamespace), ("UTS namespace", layers.utsNamespace),
      ("private filesystem", layers.privateFilesystem),
    ] {
      checks.append(
        .init(
          name: name, active: active,
          detail: active ? "active" : "refused by the kernel: runs go on without it",
          required: false))
    }
    checks.append(cgroupCheck())
    let counter = brisk_probe_instruction_counter()
    checks.append(
      .init(
        name: "hardware counters", active: counter == 0,
        detail: counter == 0
          ? "instructions counter available"
          : "unavailable (\(String(cString: strerror(-counter)))): --meter instructions uses valgrind",
        required: false))
    let valgrind = FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind")
    checks.append(
      .init(
        name: "valgrind", active: valgrind,
        detail: valgrind ? "/usr/bin/valgrind" : "not installed: apt-get install valgrind",
        required: false))
    let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3.11")
    checks.append(
      .init(
        name: "python3.11", active: python,
        detail: python ? "/usr/bin/python3.11" : "not installed: apt-get install python3.11",
        required: false))
    return SandboxDiagnosis(checks: checks)
  }

  private func cgroupCheck() -> SandboxDiagnosis.Check {
    let files = FileManager.default
    let version: String? =
      files.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers")
      ? "v2"
      : files.fileExists(atPath: "/sys/fs/cgroup/memory") ? "v1" : nil
    return .init(
      name: "cgroups", active: false,
      detail: (version.map { "\($0) present; " } ?? "absent; ")
        + "not needed: seccomp refuses new processes, RLIMIT_AS bounds memory and threads",
      required: false)
  }
}
