import ArgumentParser
import Brisk
import Foundation

struct LeaderboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leaderboard",
    abstract: "Rank the stored runs: pass@k, eff@k, DPS and DPS_norm with 95% intervals.",
    discussion: """
      One row per complete run, sorted by eff@1; a rank marked ~ is not separable from the row \
      above (their eff@1 intervals overlap). Several --db files merge. Metrics are computed \
      from the stored sample results, so --problems can restrict them to a subset. --latest \
      keeps each model's newest run. When the rows were measured under different settings, \
      the board says which; when they scored different problems, it says so, and \
      --shared-problems ranks every row on the problems all of them scored.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json, html
  }

  @Option(
    name: .customLong("db"),
    help: ArgumentHelp("A store to read (repeatable; default brisk.sqlite).", valueName: "file"),
    completion: .file(extensions: ["sqlite"]))
  var databases: [String] = []

  @Option(help: "Output format.")
  var format: Format = .table

  @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("k"),
    help: ArgumentHelp(
      "The k values of pass@k and eff@k (default: 1,10,100, each where the samples allow).",
      valueName: "k,k,..."))
  var requestedKs: String?

  /// The default k values are shown where the samples allow, without a word about the others.
  var ks: String { requestedKs ?? "1,10,100" }

  @Option(
    name: .customLong("problems"),
    help: ArgumentHelp(
      "Only problems whose id matches this shell pattern (e.g. 'HumanEval_*').", valueName: "glob"))
  var pattern: String?

  @Flag(
    help: ArgumentHelp(
      "Only each model's newest complete run (by start time, across every store): a store "
        + "that kept the runs of earlier Brisk versions or settings ranks only the latest."))
  var latest = false

  @Flag(
    help: ArgumentHelp(
      "Only the problems every ranked run scored, so that the rows compare (after --problems "
        + "and --latest)."))
  var sharedProblems = false

  var parsedKs: [Int]? { KValues.parse(ks) }

  func validate() throws {
    guard parsedKs != nil else {
      throw ValidationError("--k takes positive integers separated by commas.")
    }
  }

  func run() throws {
    // A store given twice would list each of its runs twice.
    var seen = Set<String>()
    let paths = (databases.isEmpty ? ["brisk.sqlite"] : databases).filter {
      seen.insert(BriskStore.canonicalPath($0)).inserted
    }
    if let output {
      for path in paths where BriskStore.canonicalPath(path) == BriskStore.canonicalPath(output) {
        throw BriskError(
          "\(output): that is a store this leaderboard reads (--db); writing the board there "
            + "would destroy its results: choose another --output")
      }
    }
    let stores = try paths.map { path -> (path: String, store: BriskStore) in
      (path, try BriskStore.openExisting(path: path))
    }
    var board = try Leaderboard.build(
      stores: stores, ks: parsedKs ?? [1],
      includes: { id in pattern.map { fnmatch($0, id, 0) == 0 } ?? true }, latestOnly: latest,
      sharedProblemsOnly: sharedProblems)
    if requestedKs == nil { board.unreportableKs = [] }
    let text: String
    switch format {
    case .table: text = LeaderboardText.table(board) + "\n"
    case .markdown: text = LeaderboardText.markdown(board)
    case .csv: text = LeaderboardText.csv(board)
    case .json: text = try LeaderboardText.json(board)
    case .html: text = LeaderboardHTML.page(board)
    }
    if let output {
      do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
      } catch {
        throw BriskError("\(output): cannot write (\(FileFailure.reason(error)))")
      }
      FileHandle.standardError.write(
        Data(
          "Wrote \(format.rawValue) leaderboard of \(board.entries.count) run\(board.entries.count == 1 ? "" : "s") to \(output)\n"
            .utf8)
      )
    } else {
      print(text, terminator: "")
    }
  }
}
