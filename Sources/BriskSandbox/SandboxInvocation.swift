/// Everything needed to run one program in the sandbox.
public struct SandboxInvocation: Sendable {
  /// A path, or a bare name looked up in the sandbox's PATH (/usr/local/bin:/usr/bin:/bin).
  public var program: String
  public var arguments: [String]
  public var policy: SandboxPolicy
  public var limits: SandboxLimits
  public var standardInput: StandardInput
  /// Host paths made readable inside, read-only; nothing else of the host beyond /usr is.
  public var exposedPaths: [ExposedPath]
  /// Added to the sandbox's fixed environment (PATH, HOME=/tmp, PYTHONHASHSEED=0, ...).
  public var environment: [String: String]
  /// Pins the program to one CPU.
  public var cpuAffinity: Int?
  /// Concurrent runs use distinct slots, so that each gets its own unprivileged uid.
  public var slot: Int
  /// How many times the main program may call execve: 1 (the launch itself), or 2 for
  /// valgrind's launcher, which execs its tool.
  public var execCount: Int = 1
  /// Mounts a procfs of the sandbox's own PID namespace (valgrind reads /proc/self/maps).
  public var mountsProc: Bool = false
  /// Serves /usr and the loader's cache from this image instead of the host's disk.
  public var system: SystemImage?

  public init(
    program: String,
    arguments: [String] = [],
    policy: SandboxPolicy = .native,
    limits: SandboxLimits = .standard,
    standardInput: StandardInput = .empty,
    exposedPaths: [ExposedPath] = [],
    environment: [String: String] = [:],
    cpuAffinity: Int? = nil,
    slot: Int = 0
  ) {
    self.program = program
    self.arguments = arguments
    self.policy = policy
    self.limits = limits
    self.standardInput = standardInput
    self.exposedPaths = exposedPaths
    self.environment = environment
    self.cpuAffinity = cpuAffinity
    self.slot = slot
  }
}

/// What the program reads on descriptor 0.
public enum StandardInput: Sendable, Equatable {
  /// /dev/null.
  case empty
  /// These bytes, from a sealed in-memory file the program cannot rewrite.
  case bytes([UInt8])
  /// The caller's own standard input (for the command line).
  case inherited
}

/// A host path made readable inside the sandbox.
public struct ExposedPath: Sendable, Equatable {
  /// Absolute path on the host.
  public var source: String
  /// Absolute path inside the sandbox; by default the same as `source`.
  public var target: String

  public init(_ source: String, at target: String? = nil) {
    self.source = source
    self.target = target ?? source
  }
}
