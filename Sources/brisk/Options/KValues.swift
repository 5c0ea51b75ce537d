import Foundation

/// The k values of `--k 1,10,100`: positive integers separated by commas; nil for anything
/// else (an empty item, as in `1,,10`, included: it was dropped without a word).
enum KValues {
  static func parse(_ text: String) -> [Int]? {
    let values = text.split(separator: ",", omittingEmptySubsequences: false).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
    return values.compactMap { $0 }
  }
}
