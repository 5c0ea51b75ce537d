import BriskRunner
import BriskSandbox
import Foundation

/// Brisk's trusted Python programs written out once per version to the user's cache
/// directory, from where the sandbox exposes them read-only at /brisk.
public struct TrustedScripts: Sendable {
  /// The host directory holding the scripts.
  public let directory: String
  /// Where the sandbox sees them.
  public static let mountPoint = "/brisk"
  /// Debian's interpreter: a real binary (pyenv's `python3` is a shell shim that forks).
  public static let interpreter = "python3.11"

  /// The scripts' directory, written if missing. The name carries a hash of the content, so
  /// a new Brisk never runs an older runner.
  public static func install(cache: URL = cacheDirectory()) throws -> TrustedScripts {
    var hasher = SHA256()
    for file in TrustedPython.files {
      hasher.update(file.name)
      hasher.update(file.content)
    }
    let directory = cache.appendingPathComponent("python-\(hasher.finalize().hexString.prefix(16))")
    let files = FileManager.default
    if !files.fileExists(atPath: directory.appendingPathComponent("brisk_runner.py").path) {
      try files.createDirectory(at: cache, withIntermediateDirectories: true)
      let staging = cache.appendingPathComponent("staging-\(UUID().uuidString)")
      try files.createDirectory(
        at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
      for file in TrustedPython.files {
        let url = staging.appendingPathComponent(file.name)
        try Data(file.content).write(to: url)
        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
      }
      // Another process may have won the race; its copy is identical.
      if (try? files.moveItem(at: staging, to: directory)) == nil {
        try? files.removeItem(at: staging)
      }
    }
    return TrustedScripts(directory: directory.path)
  }

  /// `BRISK_CACHE_DIR`, else `$XDG_CACHE_HOME/brisk`, else `~/.cache/brisk`.
  public static func cacheDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let explicit = environment["BRISK_CACHE_DIR"] { return URL(fileURLWithPath: explicit) }
    if let xdg = environment["XDG_CACHE_HOME"] {
      return URL(fileURLWithPath: xdg).appendingPathComponent("brisk")
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/brisk")
  }

  /// An invocation of one of the scripts under `policy`, with the scripts exposed. With the
  /// instruction meter, the interpreter runs under valgrind's callgrind, collection off.
  func invocation(
    _ script: String, policy: SandboxPolicy, limits: SandboxLimits,
    exposing extra: [ExposedPath] = [], cpu: Int? = nil, slot: Int = 0, meter: Meter = .cpuTime
  ) -> SandboxInvocation {
    // The runner empties its scratch directory after every child: it is told which one.
    let python =
      ["-S", "-B", "\(Self.mountPoint)/\(script)"]
      + (script == "brisk_runner.py" ? ["--scratch=/tmp"] : [])
    var invocation = SandboxInvocation(
      program: Self.interpreter, arguments: python, policy: policy, limits: limits,
      standardInput: .empty, exposedPaths: [ExposedPath(directory, at: Self.mountPoint)] + extra,
      cpuAffinity: cpu, slot: slot)
    if meter == .instructions {
      invocation.program = Meter.valgrind
      invocation.arguments =
        [
          "--tool=callgrind", "--vgdb=no", "--collect-atstart=no", "--dump-instr=no",
          "--callgrind-out-file=/tmp/callgrind.%p", "/usr/bin/\(Self.interpreter)",
        ] + python + ["--meter=instructions"]
      invocation.execCount = 2
      invocation.mountsProc = true
    }
    return invocation
  }
}
