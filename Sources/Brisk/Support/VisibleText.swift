/// Text from a sample (an error message, its code) made safe to print on a terminal: control
/// characters but the line feed and tab, and the marks that reorder text, are shown as
/// escapes. A sample's message could otherwise move the cursor back over the real verdict
/// and print "ok (passed)" in its place, or retitle the terminal.
public enum VisibleText {
  public static func escaping(_ text: String) -> String {
    var shown = ""
    shown.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09:
        shown.unicodeScalars.append(scalar)
      case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        shown +=
          scalar.value <= 0xFF
          ? "\\x" + hex(scalar.value, digits: 2) : "\\u{" + hex(scalar.value, digits: 4) + "}"
      default:
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
