import BriskTestSupport
import Foundation

/// Runs the built `brisk` binary, as a user would.
struct BriskBinary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The brisk executable next to this test bundle (.build/<configuration>/brisk).
  static var path: String {
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return executable.deletingLastPathComponent().appendingPathComponent("brisk").path
  }

  static func run(
    _ arguments: [String], standardInput: Data? = nil, directory: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let standardInput { input.fileHandleForWriting.write(standardInput) }
    try input.fileHandleForWriting.close()
    // Drain both pipes concurrently so that neither fills up.
    nonisolated(unsafe) var errorData = Data()
    let errorReader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
    errorReader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorReader.isFinished { usleep(1000) }
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
      stderr: String(decoding: errorData, as: UTF8.self))
  }
}
