import Foundation

/// The leaderboard as one self-contained HTML page: no network, no CDN. A sortable table,
/// eff@k curves, each model's distribution over DPE levels, a models x problems heatmap of
/// efficiency, and each run's configuration and machine.
public enum LeaderboardHTML {
  static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22",
  ]

  public static func page(_ board: Leaderboard, title: String = "Brisk leaderboard") -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>\(style)</style>
    </head>
    <body>
    <h1>\(escape(title))</h1>
    <p class="note">Generated \(escape(ISO8601DateFormatter().string(from: board.generatedAt))) by \
    Brisk \(escape(MachineFingerprint.briskVersion)). \(board.entries.count) runs, \
    \(board.problems.count) problems. \(escape(LeaderboardText.note)) Click a column to sort.</p>
    \(LeaderboardText.caveats(board).map { "<p class=\"caveat\">\(escape($0))</p>" }.joined())
    \(table(board))
    <h2>eff@k</h2>
    \(curves(board))
    <h2>DPE levels matched by passing samples</h2>
    \(levels(board))
    <h2>Efficiency per problem</h2>
    \(heatmap(board))
    <h2>Runs</h2>
    \(runs(board))
    <script>\(script)</script>
    </body>
    </html>

    """
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func color(_ index: Int) -> String { palette[index % palette.count] }

  static func table(_ board: Leaderboard) -> String {
    let header = ["Rank", "Model", "Run", "Problems"] + board.columns
    var html = "<table id=\"leaderboard\"><thead><tr>"
    for (index, name) in header.enumerated() {
      html += "<th data-column=\"\(index)\">\(escape(name))</th>"
    }
    html += "</tr></thead><tbody>\n"
    for (index, entry) in board.entries.enumerated() {
      let marker = entry.separableFromAbove == false ? " class=\"tied\"" : ""
      html +=
        "<tr\(marker)><td data-value=\"\(index + 1)\">\(LeaderboardText.rank(index, entry))</td>"
      html +=
        "<td data-value=\"\(escape(entry.run.model))\"><span class=\"swatch\" style=\"background:\(color(index))\"></span>\(escape(entry.run.model))</td>"
      html +=
        "<td data-value=\"\(entry.run.id)\">\(escape(LeaderboardText.runLabel(entry, board)))</td>"
      html += "<td data-value=\"\(entry.problems)\">\(entry.problems)</td>"
      for column in board.columns {
        if let metric = entry.metric(column) {
          let interval =
            "[\(LeaderboardText.value(metric, metric.interval.low)), \(LeaderboardText.value(metric, metric.interval.high))]"
          html +=
            "<td data-value=\"\(metric.value)\">\(LeaderboardText.value(metric)) <small>\(interval)</small></td>"
        } else {
          html += "<td data-value=\"-1\">-</td>"
        }
      }
      html += "</tr>\n"
    }
    return html + "</tbody></table>"
  }

  /// eff@k against k (log scale when k spans more than a decade), one line per run.
  static func curves(_ board: Leaderboard) -> String {
    let width = 640.0
    let height = 300.0
    let left = 50.0
    let bottom = 30.0
    let maxK = board.entries.flatMap { $0.effCurve.map(\.k) }.max() ?? 1
    guard maxK >= 1, board.entries.contains(where: { !$0.effCurve.isEmpty }) else {
      return "<p>No eff@k values.</p>"
    }
    let logScale = maxK > 10
    func x(_ k: Int) -> Double {
      let fraction =
        maxK == 1
        ? 0 : logScale ? log(Double(k)) / log(Double(maxK)) : Double(k - 1) / Double(maxK - 1)
      return left + fraction * (width - left - 20)
    }
    func y(_ value: Double) -> Double {
      (height - bottom) - min(max(value, 0), 1.2) / 1.2 * (height - bottom - 10)
    }
    var svg =
      "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"eff@k curves\">"
    for tick in stride(from: 0.0, through: 1.2, by: 0.2) {
      svg +=
        "<line x1=\"\(left)\" x2=\"\(width - 20)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" class=\"grid\"/>"
      svg +=
        "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(String(format: "%.1f", tick))</text>"
    }
    let ticks =
      logScale ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter { $0 <= maxK } : Array(1...maxK)
    for k in ticks {
      svg += "<text x=\"\(x(k))\" y=\"\(height - 10)\" text-anchor=\"middle\">\(k)</text>"
    }
    for (index, entry) in board.entries.enumerated() where !entry.effCurve.isEmpty {
      let points = entry.effCurve.map { "\(x($0.k)),\(y($0.value))" }.joined(separator: " ")
      svg +=
        "<polyline fill=\"none\" stroke=\"\(color(index))\" stroke-width=\"2\" points=\"\(points)\"><title>\(escape(entry.run.model))</title></polyline>"
      for point in entry.effCurve where entry.effCurve.count <= 30 {
        svg +=
          "<circle cx=\"\(x(point.k))\" cy=\"\(y(point.value))\" r=\"3\" fill=\"\(color(index))\"><title>\(escape(entry.run.model)): eff@\(point.k) = \(String(format: "%.3f", point.value))</title></circle>"
      }
    }
    svg +=
      "<text x=\"\(width / 2)\" y=\"\(height)\" text-anchor=\"middle\" class=\"axis\">k</text></svg>"
    return svg + legend(board)
  }

  static func legend(_ board: Leaderboard) -> String {
    "<p class=\"legend\">"
      + board.entries.enumerated().map {
        "<span><span class=\"swatch\" style=\"background:\(color($0.offset))\"></span>\(escape($0.element.run.model))</span>"
      }.joined(separator: " ") + "</p>"
  }

  /// For each run, a bar split by the DPE level its passing samples matched (slow to fast).
  static func levels(_ board: Leaderboard) -> String {
    let levelCount = board.entries.map(\.dpeLevelCount).max() ?? 0
    guard levelCount > 1 else {
      return "<p>No DPE levels: every problem here has its expert alone, and DPE places a sample "
        + "between two or more reference solutions.</p>"
    }
    let shades = (0..<levelCount).map { level -> String in
      let lightness = 85 - Int(Double(level) / Double(max(levelCount - 1, 1)) * 55)
      return "hsl(150, 55%, \(lightness)%)"
    }
    var html = "<div class=\"levels\">"
    for entry in board.entries {
      let total = entry.dpeLevels.values.reduce(0, +)
      html +=
        "<div class=\"level-row\"><span class=\"label\">\(escape(entry.run.model))</span><div class=\"bar\">"
      guard total > 0 else {
        html +=
          "<span class=\"segment empty\">no passing sample on a problem with DPE levels</span></div></div>"
        continue
      }
      let keys: [Int?] = [nil] + (0..<levelCount).map { Optional($0) }
      for key in keys {
        let count = entry.dpeLevels[key] ?? 0
        guard count > 0 else { continue }
        let share = Double(count) / Double(total) * 100
        let name = key.map { "level \($0)" } ?? "slower than every level"
        let fill = key.map { shades[$0] } ?? "#d9d9d9"
        html +=
          "<span class=\"segment\" style=\"width:\(String(format: "%.2f", share))%;background:\(fill)\" title=\"\(name): \(count) of \(total) passing samples\">\(share >= 8 ? (key.map(String.init) ?? "&lt;") : "")</span>"
      }
      html += "</div></div>"
    }
    html +=
      "</div><p class=\"note\">Levels from slow (0, light) to fast (\(levelCount - 1), dark, the expert's level); &lt; marks samples slower than every level.</p>"
    return html
  }

  /// Runs x problems, each cell the mean efficiency of the run's samples on the problem.
  static func heatmap(_ board: Leaderboard) -> String {
    guard !board.problems.isEmpty else { return "<p>No problems.</p>" }
    var html = "<div class=\"scroll\"><table class=\"heatmap\"><thead><tr><th>Model</th>"
    for problem in board.problems {
      html += "<th class=\"vertical\"><span>\(escape(problem))</span></th>"
    }
    html += "</tr></thead><tbody>"
    for entry in board.entries {
      html += "<tr><th>\(escape(entry.run.model))</th>"
      for problem in board.problems {
        if let value = entry.problemEfficiency[problem] {
          let lightness = 96 - Int(min(max(value, 0), 1) * 60)
          html +=
            "<td style=\"background:hsl(215, 70%, \(lightness)%)\" title=\"\(escape(problem)): \(String(format: "%.3f", value))\">\(String(format: "%.2f", value))</td>"
        } else {
          html += "<td class=\"missing\" title=\"not scored\">·</td>"
        }
      }
      html += "</tr>"
    }
    return html + "</tbody></table></div>"
  }

  static func runs(_ board: Leaderboard) -> String {
    var html = "<div class=\"runs\">"
    for entry in board.entries {
      let run = entry.run
      var rows: [(String, String)] = [
        ("model", run.model), ("run", LeaderboardText.runLabel(entry, board)),
        ("store", entry.store), ("submission", run.submission),
        ("started", ISO8601DateFormatter().string(from: run.startedAt)),
        ("finished", run.finishedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"),
        ("samples", "\(entry.samples) on \(entry.problems) problems"),
        ("configuration", run.configuration),
      ]
      if !run.decoding.isEmpty {
        rows.insert(
          (
            "decoding",
            run.decoding.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
              .joined(separator: ", ")
          ), at: rows.count - 1)
      }
      if let machine = run.machine {
        rows += [
          ("CPU", "\(machine.cpuModel), \(machine.cores) cores"), ("kernel", machine.kernel),
          ("Python", machine.pythonVersion), ("Brisk", machine.briskVersion),
        ]
      }
      html +=
        "<details><summary>\(escape(run.model)) (run \(escape(LeaderboardText.runLabel(entry, board))))</summary><dl>"
      for (key, value) in rows {
        html += "<dt>\(escape(key))</dt><dd><code>\(escape(value))</code></dd>"
      }
      html += "</dl></details>"
    }
    return html + "</div>"
  }

  static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
    h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}.note{color:#555}.caveat{color:#8a4b00;font-weight:600}
    table{border-collapse:collapse}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}
    #leaderboard th{cursor:pointer;background:#f4f4f4;user-select:none}#leaderboard td:nth-child(2),#leaderboard th:nth-child(2){text-align:left}
    #leaderboard tr.tied td:first-child{color:#b00}small{color:#777}
    .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
    .chart{width:100%;max-width:720px;height:auto;font-size:11px}.chart .grid{stroke:#e5e5e5}.legend span{margin-right:1em}
    .levels{max-width:800px}.level-row{display:flex;align-items:center;margin:4px 0}.level-row .label{width:180px;overflow:hidden;text-overflow:ellipsis}
    .bar{flex:1;display:flex;height:20px;border:1px solid #ccc}.segment{display:flex;align-items:center;justify-content:center;font-size:11px}.segment.empty{color:#888;padding-left:6px}
    .scroll{overflow-x:auto}.heatmap td{min-width:34px;text-align:center;font-size:12px}.heatmap th{text-align:left}
    .heatmap th.vertical{height:140px;vertical-align:bottom;padding:0 2px}.heatmap th.vertical span{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal}
    .heatmap td.missing{color:#aaa}details{margin:6px 0}dl{display:grid;grid-template-columns:140px 1fr;gap:2px 12px}dt{color:#555}dd{margin:0;word-break:break-all}
    """

  static let script = """
    (function(){
      var table=document.getElementById('leaderboard');if(!table)return;
      var body=table.tBodies[0],headers=table.tHead.rows[0].cells,state={};
      Array.prototype.forEach.call(headers,function(th,column){
        th.addEventListener('click',function(){
          var descending=state[column]=!state[column];
          var rows=Array.prototype.slice.call(body.rows);
          rows.sort(function(a,b){
            var x=a.cells[column].getAttribute('data-value'),y=b.cells[column].getAttribute('data-value');
            var nx=parseFloat(x),ny=parseFloat(y);
            var order=(isNaN(nx)||isNaN(ny))?x.localeCompare(y):nx-ny;
            return descending?-order:order;});
          rows.forEach(function(row){body.appendChild(row);});
        });
      });
    })();
    """
}
