import CBriskSystem
import Glibc

/// The sandbox's one seam to the kernel: every system call the harness side makes goes
/// through here and fails with a `SandboxError` that keeps the errno.
enum SystemCalls {
  static func check(_ result: Int32, _ what: @autoclosure () -> String) throws(SandboxError)
    -> Int32
  {
    guard result >= 0 else {
      let code = -result
      throw SandboxError(
        code: .systemCall, message: "\(what()): \(String(cString: strerror(code)))", errno: code)
    }
    return result
  }

  static func pipe() throws(SandboxError) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    _ = try check(brisk_pipe(&fds), "pipe")
    return (fds[0], fds[1])
  }

  static func memoryFile(named name: String) throws(SandboxError) -> Int32 {
    try check(brisk_memfd(name), "memfd_create")
  }

  /// A sealed in-memory file holding `bytes`, positioned at its start.
  static func sealedFile(_ bytes: [UInt8], named name: String) throws(SandboxError) -> Int32 {
    let fd = try memoryFile(named: name)
    try writeAll(fd, bytes)
    _ = try check(brisk_seal(fd), "seal \(name)")
    guard lseek(fd, 0, SEEK_SET) == 0 else {
      throw SandboxError(code: .systemCall, message: "lseek \(name)", errno: errno)
    }
    return fd
  }

  static func open(_ path: String, flags: Int32) throws(SandboxError) -> Int32 {
    let fd = Glibc.open(path, flags | O_CLOEXEC)
    return try check(fd < 0 ? -errno : fd, "open \(path)")
  }

  static func close(_ fd: Int32) {
    if fd >= 0 { _ = Glibc.close(fd) }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SandboxError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw SandboxError(code: .systemCall, message: "write", errno: errno)
      }
      offset += n
    }
  }

  /// Reads from the current position to end of file.
  static func readToEnd(_ fd: Int32) -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      result.append(contentsOf: buffer[0..<n])
    }
    return result
  }

  /// The whole content of a file, from offset 0 whatever its position.
  static func contents(of fd: Int32) -> [UInt8] {
    lseek(fd, 0, SEEK_SET)
    return readToEnd(fd)
  }

  /// Starts a program with `descriptors[i]` as its descriptor i, all others closed.
  static func spawn(
    _ path: String, arguments: [String], environment: [String], descriptors: [Int32]
  ) throws(SandboxError) -> pid_t {
    var pid: pid_t = 0
    let result = withCStrings([path] + arguments) { argv in
      withCStrings(environment) { envp in
        brisk_spawn(path, argv, envp, descriptors, Int32(descriptors.count), &pid)
      }
    }
    _ = try check(result, "start \(path)")
    return pid
  }

  /// Waits for a child and returns its raw wait status.
  static func wait(for pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status
  }

  static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { preconditionFailure("argv is never empty") }
      return body(base)
    }
  }
}
