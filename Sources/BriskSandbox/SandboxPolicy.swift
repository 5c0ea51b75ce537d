/// Which system calls a sandboxed program may make.
///
/// Every policy refuses sockets of any family, ptrace and `process_vm_*`, new sessions and
/// process groups, namespaces, mounts, keyrings and System V IPC; a refused call kills the
/// program and is reported by name. The lists live in `Sandbox/Launcher/policy.c`.
public enum SandboxPolicy: String, Sendable, CaseIterable, Codable {
  /// A compiled C, C++ or Swift program reading stdin and writing stdout; threads allowed,
  /// no new processes.
  case native
  /// CPython 3.11 running pure-Python code with the standard library; threads allowed,
  /// no new processes.
  case python
  /// Brisk's trusted Python runner: `python`, plus fork and signals for its main process only,
  /// so that each test runs in a fresh child of an already started interpreter.
  case runner
}
