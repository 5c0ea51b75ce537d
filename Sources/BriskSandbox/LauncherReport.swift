/// The JSON object brisk-launch writes on its report descriptor: raw facts, no verdict.
struct LauncherReport: Decodable, Sendable {
  struct Layers: Decodable, Sendable {
    var user_ns, pid_ns, net_ns, mount_ns, ipc_ns, uts_ns, filesystem, seccomp: Bool
  }
  struct ReportedViolation: Decodable, Sendable {
    var syscall: String
    var nr: Int
    var pid: Int
  }

  var version: Int
  /// ran, setup_failed or exec_failed.
  var status: String
  var error: String?
  var exit_code: Int32?
  var signal: Int32?
  var cpu_ns: Int64
  var user_us: Int64
  var sys_us: Int64
  var wall_ns: Int64
  var max_rss_kb: Int
  var stdout_bytes: Int
  var stderr_bytes: Int
  /// cpu, wall, stdout or stderr when the launcher or supervisor stopped the program.
  var limit: String?
  var violation: ReportedViolation?
  var refused_request_bytes: Int64
  var layers: Layers

  var isolation: IsolationLayers {
    IsolationLayers(
      userNamespace: layers.user_ns, pidNamespace: layers.pid_ns,
      networkNamespace: layers.net_ns, mountNamespace: layers.mount_ns,
      ipcNamespace: layers.ipc_ns, utsNamespace: layers.uts_ns,
      privateFilesystem: layers.filesystem, seccomp: layers.seccomp)
  }
}
