import CBriskSystem
import Foundation

/// A copy, on a tmpfs, of the host files sandboxed interpreters read: what the sandbox then
/// serves at /usr (`brisk-launch --system`) instead of the host's disk.
///
/// A disk's file system keeps what a program did to it, where a later program can time it: a
/// name looked up that does not exist leaves a negative entry in the kernel's cache (found
/// again in 1.1 us against 1.8 us on ext4, told apart 99% of the time), and a page read stays
/// cached. A sample could keep a memo there from one call to the next, without writing
/// anything. A tmpfs keeps no negative entries, and its pages are never evicted, so a call
/// cannot leave a trace there that a later call can read.
public struct SystemImage: Sendable, Equatable {
  /// Holds `usr/` and `etc/ld.so.cache`.
  public let root: String

  /// The files of the image: the paths given (directories whole) and every shared library
  /// the ELF files among them load.
  public struct Contents: Sendable {
    /// Host paths, absolute; directories are copied whole.
    public var paths: [String]
    /// Libraries loaded with dlopen rather than linked, looked for beside libc.
    public var dlopened: [String]

    public init(paths: [String], dlopened: [String] = []) {
      self.paths = paths
      self.dlopened = dlopened
    }
  }

  /// Where images live: `BRISK_SYSTEM_DIR`, else `/dev/shm/brisk-<uid>`.
  public static func home(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    environment["BRISK_SYSTEM_DIR"] ?? "/dev/shm/brisk-\(geteuid())"
  }

  /// How long an image nobody has used stays.
  static let unusedLifetime: TimeInterval = 24 * 3600
  static let layout = "system image 1"

  /// The image holding `contents`, built in `home` if missing or if a file it copied has
  /// changed on the host since, and marked used. Throws `SystemImageError` when `home` is not
  /// on a tmpfs or is not this user's own.
  public static func prepare(_ contents: Contents, home: String, now: Date = Date()) throws
    -> SystemImage
  {
    try checkHome(home)
    let listed = try Listing.walk(contents)
    let pointer = "\(home)/current-\(listed.key)"
    if let name = try? String(contentsOfFile: pointer, encoding: .utf8),
      !name.contains("/"), Manifest.stillCurrent("\(home)/\(name)")
    {
      let image = "\(home)/\(name)"
      markUsed(image, now: now)
      prune(home, keeping: image, now: now)
      return SystemImage(root: image)
    }
    let image = try build(contents, listing: listed, home: home)
    let staging = "\(pointer).\(UUID().uuidString)"
    try (image.lastPathComponentOfPath).write(toFile: staging, atomically: false, encoding: .utf8)
    guard rename(staging, pointer) == 0 else {
      unlink(staging)
      throw SystemImageError("cannot write \(pointer): \(String(cString: strerror(errno)))")
    }
    markUsed(image, now: now)
    prune(home, keeping: image, now: now)
    return SystemImage(root: image)
  }

  /// A tmpfs copy of `directory`, made once under `name` (which must change whenever the
  /// directory's content does, e.g. a hash of it), and marked used: for trees that are not
  /// part of the system, such as Brisk's scripts, so that every cache holding the same
  /// scripts shares one copy.
  public static func residentCopy(
    of directory: String, name: String, home: String, now: Date = Date()
  )
    throws -> String
  {
    try checkHome(home)
    let copy = "\(home)/tree-\(name)"
    if !FileManager.default.fileExists(atPath: copy) {
      let staging = "\(home)/staging-\(UUID().uuidString)"
      do {
        try Copier(root: staging).copy(try Listing.tree(directory, at: ""))
        chmod(staging, 0o755)
      } catch {
        try? FileManager.default.removeItem(atPath: staging)
        throw error
      }
      if rename(staging, copy) != 0 {
        try? FileManager.default.removeItem(atPath: staging)  // another Brisk's copy won
      }
    }
    markUsed(copy, now: now)
    return copy
  }

  /// The home must be a tmpfs directory of this user's, closed to others: a directory anyone
  /// could have made would let them choose what the sandbox runs.
  static func checkHome(_ home: String) throws {
    if mkdir(home, 0o700) != 0 && errno != EEXIST {
      throw SystemImageError("cannot make \(home): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    guard lstat(home, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
      throw SystemImageError("\(home) is not a directory")
    }
    guard info.st_uid == geteuid(), info.st_mode & 0o022 == 0 else {
      throw SystemImageError(
        "\(home) belongs to uid \(info.st_uid) or others may write to it; remove it, or set "
          + "BRISK_SYSTEM_DIR to a directory of your own on a tmpfs")
    }
    guard brisk_is_tmpfs(home) == 1 else {
      throw SystemImageError(
        "\(home) is not on a tmpfs: its file system would keep what sandboxed programs look "
          + "up; set BRISK_SYSTEM_DIR to a directory on a tmpfs")
    }
  }

  static func markUsed(_ image: String, now: Date) {
    try? FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: image)
  }

  /// Removes other images unused for a day, and pointers to images that are gone. Best
  /// effort: another Brisk may still be running from an image used within the day.
  static func prune(_ home: String, keeping current: String, now: Date) {
    let files = FileManager.default
    guard let names = try? files.contentsOfDirectory(atPath: home) else { return }
    for name in names
    where (name.hasPrefix("system-") || name.hasPrefix("tree-") || name.hasPrefix("staging-"))
      && "\(home)/\(name)" != current
    {
      let path = "\(home)/\(name)"
      let used = (try? files.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
      if now.timeIntervalSince(used) > unusedLifetime { try? files.removeItem(atPath: path) }
    }
    for name in names where name.hasPrefix("current-") {
      let path = "\(home)/\(name)"
      if let target = try? String(contentsOfFile: path, encoding: .utf8),
        !files.fileExists(atPath: "\(home)/\(target)")
      {
        try? files.removeItem(atPath: path)
      }
    }
  }

  /// Copies everything into a staging directory, then renames it into place.
  static func build(_ contents: Contents, listing: Listing, home: String) throws -> String {
    var entries = listing.entries
    for library in try Libraries.closure(of: listing.elfFiles, dlopened: contents.dlopened) {
      entries.append(contentsOf: try Listing.entries(ofFileAndLinks: library))
    }
    entries.append(contentsOf: (try? Listing.entries(ofFileAndLinks: "/etc/ld.so.cache")) ?? [])
    let manifest = Manifest(entries: entries)
    let staging = "\(home)/staging-\(UUID().uuidString)"
    do {
      try Copier(root: staging).copy(entries)
      try manifest.text.write(toFile: "\(staging)/manifest", atomically: false, encoding: .utf8)
      chmod(staging, 0o755)
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw error
    }
    let image = "\(home)/system-\(listing.key)-\(manifest.key)"
    if rename(staging, image) != 0 {
      try? FileManager.default.removeItem(atPath: staging)
      // Another Brisk built the same image meanwhile: its copy is identical.
      guard Manifest.stillCurrent(image) else {
        throw SystemImageError("cannot place \(image): \(String(cString: strerror(errno)))")
      }
    }
    return image
  }
}

/// Why no image could be made.
public struct SystemImageError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}

extension String {
  fileprivate var lastPathComponentOfPath: String {
    split(separator: "/").last.map(String.init) ?? self
  }
}
