import ArgumentParser
import Brisk

/// Where results are stored.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("db"), help: ArgumentHelp("The SQLite store.", valueName: "file"),
    completion: .file(extensions: ["sqlite"]))
  var path: String = "brisk.sqlite"

  /// ArgumentParser keeps the last of a repeated option; these commands read or write one
  /// store, so a second --db (as `leaderboard` takes) would be silently ignored.
  func validate() throws {
    let given = CommandLine.arguments.filter { $0 == "--db" || $0.hasPrefix("--db=") }
    if given.count > 1 {
      throw ValidationError(
        "--db is given \(given.count) times, but this command uses one store; `brisk compare` "
          + "takes FILE:ID to name a run in another store, and `brisk leaderboard` merges several.")
    }
  }

  /// The store, created if it does not exist: for commands that write results.
  func open() throws -> BriskStore { try BriskStore.open(path: path) }

  /// The store, which must exist: for commands that only read results.
  func openExisting() throws -> BriskStore { try BriskStore.openExisting(path: path) }
}
