import BriskSandbox
import Foundation

/// What a measurement depends on besides the code and the tests: results from one machine
/// are never reused on another.
public struct MachineFingerprint: Sendable, Equatable, Codable {
  public var cpuModel: String
  public var cores: Int
  public var kernel: String
  public var pythonVersion: String
  public var briskVersion: String

  public var hash: String {
    SHA256.hex("\(cpuModel)\n\(cores)\n\(kernel)\n\(pythonVersion)\n\(briskVersion)")
  }

  /// Brisk's version, recorded with every measurement.
  public static let briskVersion = "0.1.0"

  /// This machine, as read from /proc and the interpreter.
  public static func current() -> MachineFingerprint {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let kernel =
      (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown kernel"
    return MachineFingerprint(
      cpuModel: model, cores: Sandbox.availableCPUs, kernel: kernel,
      pythonVersion: pythonVersion(), briskVersion: briskVersion)
  }

  /// The version of Debian's interpreter that runs every solution (a trusted system binary).
  static func pythonVersion() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3.11")
    process.arguments = ["--version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return "python3.11 missing" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A DPE level's cost relative to the expert on the performance test, on this machine.
public struct DPECalibration: Sendable, Equatable {
  public var file: String
  public var costRatio: Double
  public var relativeError: Double
  public var score: Double?
}
