import Foundation

/// Reads a file the user named, decompressing it when it is gzipped (`.gz`), so that every
/// reader of datasets and submissions accepts both. Errors name the file.
enum InputFile {
  static func read(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
      throw BriskError("\(path): no such file")
    }
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

  static func isGzipped(_ path: String) -> Bool { path.hasSuffix(".gz") }

  /// The file's URL without `.gz`: `model.jsonl.gz` names the same thing as `model.jsonl`.
  static func uncompressedName(_ url: URL) -> URL {
    isGzipped(url.path) ? url.deletingPathExtension() : url
  }
}
