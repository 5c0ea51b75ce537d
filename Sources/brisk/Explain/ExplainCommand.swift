import ArgumentParser
import Brisk
import Foundation

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract:
      "Show how a sample was judged: per test, its verdict, times, the limit and its efficiency.",
    discussion:
      "Without a sample number, lists every sample of the problem in that run (or, when the run"
      + " has only one, tells its story)."
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The run's id (from `brisk score` or the brisk_runs view).")
  var runID: Int64

  @Argument(help: "The problem's id.")
  var problem: String

  @Argument(help: "The sample's number (0-based, as in <problem>/<n>.py).")
  var sample: Int?

  @Flag(help: "Also print the sample's code.")
  var code = false

  func run() throws {
    let stories: [SampleStory]
    do {
      stories = try store.openExisting().stories(
        runID: runID, problemID: problem, sampleIndex: sample)
    } catch let error as BriskError where !error.message.hasPrefix(store.path) {
      throw BriskError("\(store.path): \(error.message)")
    }
    // A problem with one sample has nothing to choose from: its story is what was asked.
    if sample == nil && stories.count > 1 {
      print(
        TextTable(
          header: ["sample", "verdict", "passed", "eff", "DPE level", "DPS_norm"],
          rows: stories.map {
            [
              "\($0.result.sampleIndex)", $0.result.verdict ?? "pending",
              $0.result.passed.map { $0 ? "yes" : "no" } ?? "-",
              $0.result.efficiency.map { String(format: "%.3f", $0) } ?? "-",
              $0.result.dpeLevel.map(String.init) ?? "-",
              $0.result.dpsNorm.map { String(format: "%.1f", $0) } ?? "-",
            ]
          }
        ).text)
      // The hint runs as printed: with the store it came from.
      let store = store.path == "brisk.sqlite" ? "" : " --db \(store.path)"
      print("\nDetails: brisk explain\(store) \(runID) \(problem) <sample>")
      return
    }
    // A story quotes the sample's own messages (and code): printed as visible text.
    for story in stories {
      print(VisibleText.escaping(SampleStoryText(story: story, showCode: code).text))
    }
  }
}
