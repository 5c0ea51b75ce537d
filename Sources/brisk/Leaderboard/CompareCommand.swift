import ArgumentParser
import Brisk
import Foundation

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare two runs problem by problem, with paired bootstrap p-values and a win rate.",
    discussion: "A run is its id in --db, or FILE:ID to take it from another store."
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The first run (A).")
  var runA: String

  @Argument(help: "The second run (B).")
  var runB: String

  func resolve(_ reference: String) throws -> (path: String, store: BriskStore, run: Int64) {
    if let id = Int64(reference) { return (store.path, try open(store.path), id) }
    guard let colon = reference.lastIndex(of: ":"),
      let id = Int64(reference[reference.index(after: colon)...])
    else {
      throw ValidationError("\(reference): a run is an id (3) or FILE:ID (other.sqlite:3)")
    }
    let path = String(reference[..<colon])
    return (path, try open(path), id)
  }

  func open(_ path: String) throws -> BriskStore { try BriskStore.openExisting(path: path) }

  func run() throws {
    print(try RunComparison.compare(try resolve(runA), try resolve(runB)).text)
  }
}
