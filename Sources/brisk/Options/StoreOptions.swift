import ArgumentParser
import Brisk

/// Where results are stored.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("db"), help: ArgumentHelp("The SQLite store.", valueName: "file"),
    completion: .file(extensions: ["sqlite"]))
  var path: String = "brisk.sqlite"

  func open() throws -> BriskStore { try BriskStore.open(path: path) }
}
