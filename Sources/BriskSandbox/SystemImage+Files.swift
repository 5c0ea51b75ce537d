import Foundation

/// One file, directory or symbolic link of an image: where it comes from, where it goes (a
/// path under the image's root) and the host's stat of it when listed.
struct ImageEntry: Sendable, Equatable {
  enum Kind: String, Sendable { case file, directory, link }

  var source: String
  var destination: String
  var kind: Kind
  var size: Int64
  var modifiedNs: Int64
  var inode: UInt64
  var mode: UInt32
  var linkTarget: String

  /// The host's entry at `source`, or nil if there is none.
  init?(source: String, destination: String) {
    var info = stat()
    guard lstat(source, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: kind = .file
    case S_IFDIR: kind = .directory
    case S_IFLNK: kind = .link
    default: return nil  // sockets, devices and pipes are never copied
    }
    self.source = source
    self.destination = destination
    size = Int64(info.st_size)
    // A directory's time changes whenever an entry is made or removed in it (its owner marks
    // it used that way), and its entries are listed anyway.
    modifiedNs =
      kind == .directory
      ? 0 : Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    inode = UInt64(info.st_ino)
    mode = UInt32(info.st_mode & 0o7777)
    linkTarget = ""
    if kind == .link {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(source, &buffer, Int(PATH_MAX))
      guard count > 0 else { return nil }
      linkTarget = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }

  /// One manifest line; tabs and newlines never occur in the paths copied.
  var line: String {
    [
      source, destination, kind.rawValue, "\(size)", "\(modifiedNs)", "\(inode)", "\(mode)",
      linkTarget,
    ]
    .joined(separator: "\t")
  }
}

/// The entries named by an image's contents, walked on every use: their hash names the image.
struct Listing {
  var entries: [ImageEntry]

  var key: String {
    FNV1a.hex(([SystemImage.layout] + entries.map(\.line)).joined(separator: "\n"))
  }

  static func walk(_ contents: SystemImage.Contents) throws -> Listing {
    var entries: [ImageEntry] = []
    for path in contents.paths {
      guard FileManager.default.fileExists(atPath: path) || isLink(path) else { continue }
      entries.append(contentsOf: try tree(path, at: path))
    }
    return Listing(entries: entries)
  }

  /// `source` and, if it is a directory, everything under it, sorted; links are not followed.
  static func tree(_ source: String, at destination: String) throws -> [ImageEntry] {
    guard let top = ImageEntry(source: source, destination: destination) else {
      throw SystemImageError("cannot read \(source)")
    }
    guard top.kind == .directory else { return [top] }
    var entries = [top]
    let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
    for name in names {
      entries.append(contentsOf: try tree("\(source)/\(name)", at: "\(destination)/\(name)"))
    }
    return entries
  }

  /// A library path as the loader reports it (`/lib/x86_64-linux-gnu/libz.so.1`, through
  /// the top-level link to /usr), with the links from it to the file it names: each at its
  /// place with every directory resolved, as the sandbox's merged /usr holds it.
  static func entries(ofFileAndLinks path: String) throws -> [ImageEntry] {
    var found: [ImageEntry] = []
    var current = path
    for _ in 0..<16 {
      let directory = (current as NSString).deletingLastPathComponent
      guard let real = realPath(directory) else {
        throw SystemImageError("cannot resolve \(directory)")
      }
      let placed = "\(real == "/" ? "" : real)/\((current as NSString).lastPathComponent)"
      guard let entry = ImageEntry(source: placed, destination: placed) else {
        throw SystemImageError("cannot read \(placed)")
      }
      found.append(entry)
      guard entry.kind == .link else { return found }
      current =
        entry.linkTarget.hasPrefix("/") ? entry.linkTarget : "\(real)/\(entry.linkTarget)"
    }
    throw SystemImageError("\(path): too many symbolic links")
  }

  /// The regular files that start like an ELF object (read only when an image is built).
  var elfFiles: [String] {
    entries.filter { $0.kind == .file && $0.size > 4 && Self.isELF($0.source) }.map(\.source)
  }

  static func isELF(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: 4)) == Data([0x7f, 0x45, 0x4c, 0x46])
  }

  static func isLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

/// Every entry an image holds, stored in it: an image whose host files changed since (a
/// package upgrade) is built again.
struct Manifest {
  var entries: [ImageEntry]

  var text: String { entries.map(\.line).joined(separator: "\n") + "\n" }
  var key: String { FNV1a.hex(text) }

  /// Whether the image at `image` exists and every host file it copied is unchanged.
  static func stillCurrent(_ image: String) -> Bool {
    guard let text = try? String(contentsOfFile: "\(image)/manifest", encoding: .utf8) else {
      return false
    }
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 8, let now = ImageEntry(source: fields[0], destination: fields[1]),
        now.line == String(line)
      else { return false }
    }
    return true
  }
}

/// The shared libraries ELF files load, as the host's loader resolves them (`ldd`).
enum Libraries {
  static let ldd = "/usr/bin/ldd"

  static func closure(of files: [String], dlopened: [String]) throws -> [String] {
    guard FileManager.default.isExecutableFile(atPath: ldd) else {
      throw SystemImageError("\(ldd) not found: it lists the libraries the sandbox must hold")
    }
    var found = Set<String>()
    for chunk in stride(from: 0, to: files.count, by: 200) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ldd)
      process.arguments = Array(files[chunk..<min(chunk + 200, files.count)])
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()  // non-zero when a file is static: its lines say so
      found.formUnion(paths(inLddOutput: String(decoding: data, as: UTF8.self)))
    }
    if let libc = found.first(where: { $0.hasSuffix("/libc.so.6") }) {
      let directory = (libc as NSString).deletingLastPathComponent
      for name in dlopened where FileManager.default.fileExists(atPath: "\(directory)/\(name)") {
        found.insert("\(directory)/\(name)")
      }
    }
    return found.sorted()
  }

  /// `libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)` and
  /// `/lib64/ld-linux-x86-64.so.2 (0x...)`.
  static func paths(inLddOutput text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      var rest = Substring(line.trimmingCharacters(in: .whitespaces))
      if let arrow = rest.range(of: "=> ") { rest = rest[arrow.upperBound...] }
      guard rest.hasPrefix("/"), let space = rest.firstIndex(of: " ") else { return nil }
      return String(rest[..<space])
    }
  }
}

/// Writes entries under a root, each file with its host mode and modification time (Python
/// checks bytecode against its source's).
struct Copier {
  let root: String

  func copy(_ entries: [ImageEntry]) throws {
    try makeDirectories(root)
    var done = Set<String>()
    for entry in entries where done.insert(entry.destination).inserted {
      let target = root + entry.destination
      try makeDirectories((target as NSString).deletingLastPathComponent)
      switch entry.kind {
      case .directory:
        if mkdir(target, 0o755) != 0 && errno != EEXIST { throw failure("make", target) }
      case .link:
        if symlink(entry.linkTarget, target) != 0 { throw failure("link", target) }
      case .file:
        try copyFile(entry, to: target)
      }
    }
  }

  private func copyFile(_ entry: ImageEntry, to target: String) throws {
    guard let data = FileManager.default.contents(atPath: entry.source) else {
      throw SystemImageError("cannot read \(entry.source)")
    }
    let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(entry.mode & 0o755))
    guard fd >= 0 else { throw failure("create", target) }
    defer { close(fd) }
    let written = data.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return true }  // an empty file
      var offset = 0
      while offset < buffer.count {
        let count = write(fd, base + offset, buffer.count - offset)
        if count <= 0 { return false }
        offset += count
      }
      return true
    }
    guard written else { throw failure("write", target) }
    fchmod(fd, mode_t(entry.mode & 0o755))
    let seconds = entry.modifiedNs / 1_000_000_000
    let times = [
      timespec(tv_sec: Int(seconds), tv_nsec: Int(entry.modifiedNs % 1_000_000_000)),
      timespec(tv_sec: Int(seconds), tv_nsec: Int(entry.modifiedNs % 1_000_000_000)),
    ]
    guard futimens(fd, times) == 0 else { throw failure("set the times of", target) }
  }

  private func makeDirectories(_ path: String) throws {
    var info = stat()
    if stat(path, &info) == 0 { return }
    try makeDirectories((path as NSString).deletingLastPathComponent)
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure("make", path) }
  }

  private func failure(_ what: String, _ path: String) -> SystemImageError {
    SystemImageError("cannot \(what) \(path): \(String(cString: strerror(errno)))")
  }
}

/// 64-bit FNV-1a: names images after what they hold. Not a defence: only this user writes
/// the home, and the manifest is checked against the host on every use.
enum FNV1a {
  static func hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
