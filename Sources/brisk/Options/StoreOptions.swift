import ArgumentParser
import Brisk

/// Where results are stored.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("db"), help: ArgumentHelp("The SQLite store.", valueName: "file"),
    completion: .file(extensions: ["sqlite"]))
  var path: String = "brisk.sqlite"

  /// The store, created if it does not exist: for commands that write results.
  func open() throws -> BriskStore { try BriskStore.open(path: path) }

  /// The store, which must exist: for commands that only read results.
  func openExisting() throws -> BriskStore { try BriskStore.openExisting(path: path) }
}
