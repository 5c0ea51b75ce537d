import BriskRunner
import BriskSandbox
import Foundation

/// Brisk's trusted Python programs written out once per version to the user's cache
/// directory, from where the sandbox exposes them read-only at /brisk.
public struct TrustedScripts: Sendable {
  /// The host directory holding the scripts.
  public let directory: String
  /// The tmpfs copy of the interpreter and its libraries that the sandbox serves instead of
  /// the host's disk, or nil if none could be made (`systemUnavailable` says why).
  public let system: SystemImage?
  public let systemUnavailable: String?
  /// The tmpfs copy of `directory` the sandbox exposes at /brisk (nil without `system`).
  let residentDirectory: String?
  /// Where the sandbox sees them.
  public static let mountPoint = "/brisk"
  /// Debian's interpreter: a real binary (pyenv's `python3` is a shell shim that forks).
  public static let interpreter = "python3.11"

  /// How long the scripts of another Brisk version stay in the cache unused: each Brisk marks
  /// its own directory used whenever it installs (every command that runs scripts does).
  static let unusedLifetime: TimeInterval = 30 * 24 * 3600
  /// How long a staging directory may stay: one older than this is a crashed install's.
  static let stagingLifetime: TimeInterval = 24 * 3600

  /// A hash of the scripts (16 hex digits): it names their directory, and every run's
  /// configuration records it, since the runner's code decides what a measurement means (what
  /// is charged to a call), so evaluations made by another runner are not reused.
  public static let contentHash: String = {
    var hasher = SHA256()
    hasher.update("layout 3: sources, bytecode and the C loop")  // a new layout, a new directory
    for file in TrustedPython.files {
      hasher.update(file.name)
      hasher.update(file.content)
    }
    return String(hasher.finalize().hexString.prefix(16))
  }()

  /// The scripts' directory, written if missing, and marked used. The name carries a hash of
  /// the content, so a new Brisk never runs an older runner; other versions' directories
  /// unused for 30 days are removed.
  public static func install(
    cache: URL = cacheDirectory(), systemHome: String = SystemImage.home(), now: Date = Date()
  ) throws -> TrustedScripts {
    let directory = cache.appendingPathComponent("python-\(contentHash)")
    let files = FileManager.default
    if !files.fileExists(atPath: directory.appendingPathComponent("brisk_runner.py").path) {
      try files.createDirectory(at: cache, withIntermediateDirectories: true)
      let staging = cache.appendingPathComponent("staging-\(UUID().uuidString)")
      try files.createDirectory(
        at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
      // The sources, and under compiled/ the sources again with their bytecode.
      let compiled = staging.appendingPathComponent("compiled")
      try files.createDirectory(
        at: compiled, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
      for file in TrustedPython.files {
        for folder in [staging, compiled] {
          let url = folder.appendingPathComponent(file.name)
          try Data(file.content).write(to: url)
          try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        }
      }
      precompile(compiled, seenAt: "\(mountPoint)/compiled")
      do {
        try buildCalls(in: compiled)
      } catch {
        try? files.removeItem(at: staging)
        throw error
      }
      // Another process may have won the race; its copy is identical.
      if (try? files.moveItem(at: staging, to: directory)) == nil {
        try? files.removeItem(at: staging)
      }
    }
    try? files.setAttributes([.modificationDate: now], ofItemAtPath: directory.path)
    prune(cache, keeping: directory, now: now)
    do {
      let resident = try SystemImage.residentCopy(
        of: directory.path, name: "python-\(contentHash)", home: systemHome, now: now)
      let contents = SystemImage.Contents(paths: systemPaths, dlopened: ["libgcc_s.so.1"])
      let system = try SystemImage.prepare(contents, home: systemHome, now: now)
      return TrustedScripts(
        directory: directory.path, system: system, systemUnavailable: nil,
        residentDirectory: resident)
    } catch {
      return TrustedScripts(
        directory: directory.path, system: nil, systemUnavailable: "\(error)",
        residentDirectory: nil)
    }
  }

  /// What the sandbox's tmpfs copy holds beside the scripts: the interpreter, its standard
  /// library (with the bytecode Debian ships), time zones for `zoneinfo`, and valgrind's
  /// parts that the instruction meter runs. The libraries they load are added.
  static let systemPaths = [
    "/usr/bin/\(interpreter)", "/usr/lib/\(interpreter)", "/usr/share/zoneinfo", Meter.valgrind,
    "/usr/libexec/valgrind/callgrind-amd64-linux",
    "/usr/libexec/valgrind/vgpreload_core-amd64-linux.so", "/usr/libexec/valgrind/default.supp",
  ]
  /// How the sandbox's files are served, as a run's configuration records it.
  public var filesServed: String { system == nil ? "host_disk" : "tmpfs_copy" }

  /// Removes, from `cache`, the script directories of other Brisk versions unused for
  /// `unusedLifetime` and staging directories older than `stagingLifetime`. Best effort:
  /// anything that cannot be read or removed stays. Nothing else in the cache is touched.
  static func prune(_ cache: URL, keeping current: URL, now: Date) {
    let files = FileManager.default
    guard let names = try? files.contentsOfDirectory(atPath: cache.path) else { return }
    for name in names where name != current.lastPathComponent {
      let lifetime: TimeInterval
      if name.hasPrefix("python-") {
        lifetime = unusedLifetime
      } else if name.hasPrefix("staging-") {
        lifetime = stagingLifetime
      } else {
        continue
      }
      let path = cache.appendingPathComponent(name).path
      guard let attributes = try? files.attributesOfItem(atPath: path),
        attributes[.type] as? FileAttributeType == .typeDirectory,
        let modified = attributes[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > lifetime
      else { continue }
      try? files.removeItem(atPath: path)
    }
  }

  /// Bytecode for the scripts in `directory`, beside them: the sandbox's read-only mount keeps
  /// Python from caching it, and compiling the runner's modules cost about 7 ms of every
  /// runner's start (two or more start for every sample). Best effort: without it, Python
  /// compiles the sources as before. The hash in the directory's name stands for the sources,
  /// so the bytecode is not checked against them.
  static func precompile(_ directory: URL, seenAt path: String) {
    let compiler = Process()
    compiler.executableURL = URL(fileURLWithPath: "/usr/bin/\(interpreter)")
    compiler.arguments = [
      "-S", "-c",
      "import compileall, py_compile, sys; sys.exit(0 if compileall.compile_dir(sys.argv[1], "
        + "ddir=sys.argv[2], quiet=2, invalidation_mode="
        + "py_compile.PycInvalidationMode.UNCHECKED_HASH) else 1)",
      directory.path, path,
    ]
    compiler.standardOutput = FileHandle.nullDevice
    compiler.standardError = FileHandle.nullDevice
    guard (try? compiler.run()) != nil else { return }
    compiler.waitUntilExit()
  }

  /// Builds the runner's C loop (`_brisk_calls`, from brisk_calls.c) among the bytecode, with
  /// brisk_build.py. Required: under the CPU meter the runner serves calls through it.
  static func buildCalls(in directory: URL) throws {
    let builder = Process()
    builder.executableURL = URL(fileURLWithPath: "/usr/bin/\(interpreter)")
    builder.arguments = [
      "-S", directory.appendingPathComponent("brisk_build.py").path, directory.path, directory.path,
    ]
    let errors = Pipe()
    builder.standardOutput = FileHandle.nullDevice
    builder.standardError = errors
    do {
      try builder.run()
    } catch {
      throw BriskError(
        "cannot build the runner's C part: /usr/bin/\(interpreter) did not start (\(error)); "
          + "run Scripts/setup.sh")
    }
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    builder.waitUntilExit()
    guard builder.terminationStatus == 0 else {
      let text = String(decoding: message, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      let what = text.isEmpty ? "cannot build the runner's C part" : text
      throw BriskError("\(what) (Scripts/setup.sh installs gcc and python3.11-dev)")
    }
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

  /// Where the sandbox's /brisk comes from: the tmpfs copy when there is one.
  var scriptsSource: String { residentDirectory ?? directory }

  /// An invocation of one of the scripts under `policy`, with the scripts exposed. With the
  /// instruction meter, the interpreter runs under valgrind's callgrind, which counts only
  /// inside the runner's `brisk_counted_call` (Sandbox/Runner/brisk_calls.c).
  func invocation(
    _ script: String, policy: SandboxPolicy, limits: SandboxLimits,
    exposing extra: [ExposedPath] = [], cpu: Int? = nil, slot: Int = 0, meter: Meter = .cpuTime
  ) -> SandboxInvocation {
    // The runner empties its scratch directory after every child: it is told which one. It is
    // imported rather than run as a script, so that its bytecode is used too. Not under the
    // instruction meter, which runs the sources: its counts were shown identical run to run
    // on the heap that compiling them leaves in the runner, and every child inherits that heap.
    let python: [String]
    if meter == .instructions {
      python = ["-S", "-B", "\(Self.mountPoint)/\(script)"]
    } else if script == "brisk_runner.py" {
      python = [
        "-S", "-B", "-c",
        "import sys; sys.path[0] = '\(Self.mountPoint)/compiled'; import brisk_runner; "
          + "brisk_runner.main()",
      ]
    } else {
      python = ["-S", "-B", "\(Self.mountPoint)/compiled/\(script)"]
    }
    let scratch = script == "brisk_runner.py" ? ["--scratch=/tmp"] : []
    var invocation = SandboxInvocation(
      program: Self.interpreter, arguments: python + scratch, policy: policy, limits: limits,
      standardInput: .empty,
      exposedPaths: [ExposedPath(scriptsSource, at: Self.mountPoint)] + extra,
      cpuAffinity: cpu, slot: slot)
    invocation.system = system
    if meter == .instructions {
      invocation.program = Meter.valgrind
      invocation.arguments =
        [
          "--tool=callgrind", "--vgdb=no", "--collect-atstart=no", "--dump-instr=no",
          "--toggle-collect=brisk_counted_call",
          "--callgrind-out-file=/tmp/callgrind.%p", "/usr/bin/\(Self.interpreter)",
        ] + python + scratch + ["--meter=instructions"]
      invocation.execCount = 2
      invocation.mountsProc = true
    }
    return invocation
  }
}
