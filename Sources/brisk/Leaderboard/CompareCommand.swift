import ArgumentParser
import Brisk
import Foundation

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Compare two runs problem by problem, with paired p-values (exact sign-flip test up to "
      + "12 problems, bootstrap above) and a win rate.",
    discussion:
      "A run is its id in --db, or FILE:ID (or FILE#ID, as a leaderboard of several stores "
      + "labels it) to take it from another store."
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The first run (A).")
  var runA: String

  @Argument(help: "The second run (B).")
  var runB: String

  /// A run reference: an id in --db, or a store and an id.
  static func parse(_ reference: String) -> (path: String?, id: Int64)? {
    if let id = Int64(reference) { return (nil, id) }
    guard let separator = reference.lastIndex(where: { $0 == ":" || $0 == "#" }),
      separator > reference.startIndex,
      let id = Int64(reference[reference.index(after: separator)...])
    else { return nil }
    return (String(reference[..<separator]), id)
  }

  func validate() throws {
    for reference in [runA, runB] where Self.parse(reference) == nil {
      throw ValidationError(
        "\(reference): a run is an id (3), or FILE:ID or FILE#ID (other.sqlite:3)")
    }
  }

  func resolve(_ reference: String) throws -> (path: String, store: BriskStore, run: Int64) {
    guard let (path, id) = Self.parse(reference) else {
      throw ValidationError("\(reference): not a run")
    }
    let file = path ?? store.path
    return (file, try open(file), id)
  }

  func open(_ path: String) throws -> BriskStore { try BriskStore.openExisting(path: path) }

  func run() throws {
    print(try RunComparison.compare(try resolve(runA), try resolve(runB)).text)
  }
}
