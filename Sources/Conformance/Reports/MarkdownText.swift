/// Markdown escaping for `SummaryMarkdown`: code spans and plain text that stay on one line
/// and inside one table cell, whatever the SUT printed.
///
/// Spec: CommonMark 0.31 §6.1 (code spans), GitHub Flavored Markdown §4.10 (tables: `\|`
/// escapes a pipe, also inside code spans).
enum MarkdownText {
  /// `value` as a code span: on one line (`ReportText.oneLine`), shortened to `limit`
  /// characters when a limit is given, fenced with more backticks than it contains, and with
  /// pipes escaped so that it can sit in a table cell. An empty value is `*empty*`.
  static func code(_ value: String, limit: Int? = nil) -> String {
    var content = ReportText.oneLine(value)
    if let limit { content = ReportText.shortened(content, to: limit) }
    guard !content.isEmpty else { return "*empty*" }
    let fence = String(repeating: "`", count: longestBacktickRun(in: content) + 1)
    let needsPadding =
      content.hasPrefix("`") || content.hasSuffix("`")
      || (content.hasPrefix(" ") && content.hasSuffix(" ") && content.contains { $0 != " " })
    if needsPadding { content = " " + content + " " }
    return fence + escapePipes(content) + fence
  }

  /// `value` as inline text: on one line, with Markdown's punctuation escaped so that nothing
  /// in it becomes emphasis, a link, HTML or a table border.
  static func text(_ value: String) -> String {
    var out = ""
    for character in ReportText.oneLine(value) {
      if "\\`*_[]<>|#~".contains(character) { out += "\\" }
      out.append(character)
    }
    return out
  }

  /// One table row from its cells (already escaped).
  static func row(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |"
  }

  private static func escapePipes(_ text: String) -> String {
    var out = ""
    for character in text {
      if character == "|" { out += "\\" }
      out.append(character)
    }
    return out
  }

  private static func longestBacktickRun(in text: String) -> Int {
    var longest = 0
    var current = 0
    for character in text {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}
