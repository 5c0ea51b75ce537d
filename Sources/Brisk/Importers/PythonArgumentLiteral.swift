import Foundation

/// A structural check of a Python literal meant as a list of call arguments, as EvalPerf's
/// `pe_input` is: balanced brackets, closed strings, and a list or tuple at the top. It does
/// not parse numbers or names; the generator's `ast.literal_eval` has the last word, but a
/// truncated or mistyped input is caught here, with its line, instead of at scoring time.
enum PythonArgumentLiteral {
  /// What is wrong with `text`, or nil when it looks like an argument list.
  static func problem(_ text: String) -> String? {
    let characters = Array(text)
    var open: [(bracket: Character, at: Int)] = []
    var topLevelComma = false
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "'", "\"":
        let triple =
          index + 2 < characters.count && characters[index + 1] == character
          && characters[index + 2] == character
        let quote = triple ? 3 : 1
        var end = index + quote
        var closed = false
        while end < characters.count {
          if characters[end] == "\\" {
            end += 2
            continue
          }
          if characters[end] == character
            && (quote == 1
              || (end + 2 < characters.count && characters[end + 1] == character
                && characters[end + 2] == character))
          {
            closed = true
            break
          }
          if quote == 1 && characters[end] == "\n" { break }
          end += 1
        }
        guard closed else { return "the string opened at character \(index + 1) is not closed" }
        index = end + quote
        continue
      case "(", "[", "{":
        open.append((character, index))
      case ")", "]", "}":
        let expected: Character = character == ")" ? "(" : character == "]" ? "[" : "{"
        guard let last = open.popLast() else {
          return "\(character) at character \(index + 1) closes nothing"
        }
        guard last.bracket == expected else {
          return "\(character) at character \(index + 1) closes the \(last.bracket) opened at "
            + "character \(last.at + 1)"
        }
      case ",":
        if open.isEmpty { topLevelComma = true }
      default:
        break
      }
      index += 1
    }
    if let last = open.last {
      return "the \(last.bracket) opened at character \(last.at + 1) is not closed"
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.first == "[" || trimmed.first == "(" || topLevelComma else {
      return trimmed.isEmpty ? "it is empty" : "it is not a list or tuple of arguments"
    }
    return nil
  }
}
