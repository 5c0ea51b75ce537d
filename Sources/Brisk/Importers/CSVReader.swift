/// RFC 4180 CSV: fields separated by commas, quoted with double quotes (which may hold commas,
/// newlines and doubled quotes), records ending with LF or CRLF.
enum CSVReader {
  /// Every record, the header included.
  static func records(_ text: String) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    var iterator = text.unicodeScalars.makeIterator()
    var line = 1
    while let scalar = iterator.next() {
      if quoted {
        if scalar == "\"" {
          quoted = false
          afterQuote = true
        } else {
          if scalar == "\n" { line += 1 }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"":
        if afterQuote {
          field.append("\"")  // a doubled quote inside a quoted field
          quoted = true
          afterQuote = false
        } else if field.isEmpty {
          quoted = true
        } else {
          throw BriskError("line \(line): a quote inside an unquoted field")
        }
      case ",":
        record.append(field)
        field = ""
        afterQuote = false
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
        afterQuote = false
        line += 1
      case "\r":
        continue
      default:
        if afterQuote { throw BriskError("line \(line): text after a closing quote") }
        field.unicodeScalars.append(scalar)
      }
    }
    if quoted { throw BriskError("line \(line): a quoted field never ends") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
