import Foundation

/// Live processes, read from /proc, for tests that must prove nothing was left behind.
public enum Processes {
  public struct Entry: Sendable, CustomStringConvertible {
    public var pid: Int
    public var uid: Int
    public var commandLine: String
    public var description: String { "pid \(pid) uid \(uid): \(commandLine)" }
  }

  public static func all() -> [Entry] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.compactMap { name -> Entry? in
      guard let pid = Int(name),
        let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let uidLine = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
        let uid = uidLine.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({
          Int($0)
        })
      else { return nil }
      let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
      let commandLine = String(decoding: raw.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
      return Entry(pid: pid, uid: uid, commandLine: commandLine)
    }
  }
}
