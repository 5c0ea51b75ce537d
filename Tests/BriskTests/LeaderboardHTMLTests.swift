import BriskTestSupport
import Foundation
import Testing

@testable import Brisk

/// The HTML page, opened in headless Chromium: it renders, its table holds every run, and it
/// logs nothing to the console (no script errors).
@Suite(.tags(.large))
struct LeaderboardHTMLTests {
  static let executable = "/usr/bin/chromium"

  func chromium(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.executable)
    process.arguments =
      ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var errors = Data()
    let reader = Thread { errors = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return (String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable)))
  func rendersInChromiumWithoutConsoleErrors() throws {
    let directory = try Fixtures.temporaryDirectory("brisk-html")
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("leaderboard.html")
    let html = LeaderboardHTML.page(try SyntheticRuns.fixedBoard())
    try html.write(to: page, atomically: true, encoding: .utf8)
    #expect(!html.contains("http://") && !html.contains("https://"), "the page must work offline")

    let dom = try chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString])
    let rows =
      dom.stdout.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
      .components(separatedBy: "<tr").count - 1
    #expect(rows == 3, "leaderboard rows: \(rows)")
    #expect(dom.stdout.contains("<svg class=\"chart\""))
    #expect(dom.stdout.contains("class=\"heatmap\""))
    let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
    #expect(console.isEmpty, "console messages: \(console)")

    let screenshot = directory.appendingPathComponent("leaderboard.png")
    _ = try chromium([
      "--window-size=1280,1600", "--screenshot=\(screenshot.path)", page.absoluteString,
    ])
    let size =
      (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
    #expect(size > 20_000, "screenshot of \(size) bytes")
  }
}
