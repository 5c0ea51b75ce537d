import Foundation

/// Reads a file the user named, decompressing it when it is gzipped (`.gz`), so that every
/// reader of datasets and submissions accepts both. Errors name the file. Every such file is
/// text: a leading UTF-8 byte-order mark is dropped.
enum InputFile {
  static func read(_ path: String) throws -> Data {
    var data = try contents(path)
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
    return data
  }

  private static func contents(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
      throw BriskError("\(path): no such file")
    }
    try requireRegularFile(path)
    guard isGzipped(path) else {
      do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw BriskError("\(path): cannot read (\(FileFailure.reason(error)))")
      }
    }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = ["-dc", path]
    let output = Pipe()
    gzip.standardOutput = output
    gzip.standardError = FileHandle.nullDevice
    do { try gzip.run() } catch { throw BriskError("\(path): cannot run gzip to decompress it") }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    gzip.waitUntilExit()
    guard gzip.terminationStatus == 0 else { throw BriskError("\(path): not a valid gzip file") }
    return data
  }

  /// The file as UTF-8 text; text in another encoding is an error naming where its first
  /// byte that is not UTF-8 stands.
  static func text(_ path: String) throws -> String {
    let data = try read(path)
    if let text = String(data: data, encoding: .utf8) { return text }
    let offset = firstInvalidUTF8(data)
    let before = data[data.startIndex..<offset]
    let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
    let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
    throw BriskError(
      "\(path): not UTF-8 text (byte 0x\(String(format: "%02X", data[offset])) at line \(line), "
        + "column \(column)); save it as UTF-8")
  }

  /// Where the first byte that does not belong to a UTF-8 sequence stands.
  static func firstInvalidUTF8(_ data: Data) -> Int {
    var index = data.startIndex
    while index < data.endIndex {
      let length: Int
      switch data[index] {
      case 0..<0x80: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return index
      }
      guard index + length <= data.endIndex,
        String(data: data[index..<index + length], encoding: .utf8) != nil
      else { return index }
      index += length
    }
    return data.endIndex
  }

  /// Refuses a FIFO, a device or a directory (symlinks followed): reading /dev/zero never
  /// ends, and each read "Permission denied" even as root.
  private static func requireRegularFile(_ path: String) throws {
    var status = stat()
    guard stat(path, &status) == 0 else { return }  // reading it will say why
    let kind = status.st_mode & S_IFMT
    guard kind != S_IFREG else { return }
    let what =
      kind == S_IFDIR
      ? "a directory" : kind == S_IFIFO ? "a FIFO" : kind == S_IFCHR ? "a device" : "not a file"
    throw BriskError("\(path): \(what), not a regular file")
  }

  static func isGzipped(_ path: String) -> Bool { path.hasSuffix(".gz") }

  /// The file's URL without `.gz`: `model.jsonl.gz` names the same thing as `model.jsonl`.
  static func uncompressedName(_ url: URL) -> URL {
    isGzipped(url.path) ? url.deletingPathExtension() : url
  }
}
