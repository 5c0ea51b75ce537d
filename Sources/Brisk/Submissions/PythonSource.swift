import Foundation

/// A sample file's text as Python reads it: UTF-8, or the encoding a PEP 263 declaration
/// names on its first two lines. A file Python cannot decode is still a sample: it becomes
/// code raising the SyntaxError Python would raise, so that it counts as a failure rather
/// than stopping the run or, deleted by hand, inflating pass@k.
enum PythonSource {
  static func text(_ data: Data, file: String) -> String {
    if let text = String(data: data, encoding: .utf8) { return text }
    let declared = declaredEncoding(data)
    if let declared, let encoding = foundationEncoding(declared),
      let text = String(data: data, encoding: encoding)
    {
      return text
    }
    let offset = data.firstIndex { $0 >= 0x80 } ?? data.startIndex
    let line = data[..<offset].filter { $0 == UInt8(ascii: "\n") }.count + 1
    let byte = String(format: "\\\\x%02x", data[offset])
    let reason =
      declared.map { "cannot be decoded as its declared encoding \($0)" }
      ?? "is not UTF-8 and declares no encoding"
    let name = (file as NSString).lastPathComponent
    let message =
      declared == nil
      ? "Non-UTF-8 code starting with '\(byte)' in file \(name) on line \(line), but no encoding declared"
      : "\(name) \(reason) (byte '\(byte)' on line \(line))"
    return """
      # Brisk: \(name) \(reason), so Python refuses to run it.
      raise SyntaxError("\(message)")

      """
  }

  /// The encoding named by `# -*- coding: NAME -*-` (or `coding=NAME`) on line 1 or 2.
  static func declaredEncoding(_ data: Data) -> String? {
    let head = data.split(
      separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false
    )
    .prefix(2)
    for line in head {
      let text = String(decoding: line, as: UTF8.self)
      guard text.trimmingCharacters(in: .whitespaces).hasPrefix("#"),
        let match = text.firstMatch(of: /coding[:=][ \t]*([-\w.]+)/)
      else { continue }
      return String(match.1)
    }
    return nil
  }

  /// Python's names for the encodings a declaration is likely to name.
  static func foundationEncoding(_ name: String) -> String.Encoding? {
    switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
    case "utf-8", "utf8", "utf-8-sig": .utf8
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": .isoLatin1
    case "cp1252", "windows-1252": .windowsCP1252
    case "ascii", "us-ascii": .ascii
    case "iso-8859-2", "latin-2", "latin2": .isoLatin2
    case "cp1251", "windows-1251": .windowsCP1251
    case "shift-jis", "shift_jis", "sjis": .shiftJIS
    case "euc-jp": .japaneseEUC
    case "utf-16": .utf16
    default: nil
    }
  }
}
