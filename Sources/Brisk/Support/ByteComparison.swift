import Foundation

extension Array where Element == UInt8 {
  /// Whether both hold the same bytes, compared by `memcmp`: Array's `==` compares element by
  /// element, and outputs and inputs compared on every call run to megabytes.
  func hasSameBytes(as other: [UInt8]) -> Bool {
    count == other.count
      && withUnsafeBytes { mine in
        other.withUnsafeBytes { theirs in
          guard let left = mine.baseAddress, let right = theirs.baseAddress else { return true }
          return left == right || memcmp(left, right, count) == 0
        }
      }
  }
}
