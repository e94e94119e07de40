/// One scenario file as lines, the header reader and the error constructor that both
/// scenario parsers (CloudHSM and IAM) share.
///
/// Lines are split at the scalar `\n` (a `"\r\n"` pair is one `Character`, so splitting
/// characters would keep a CRLF file as one line), and a trailing `\r` is dropped.
/// Spec: scenarios/README.md "Header".
struct ScenarioSource {
  /// A header value and where it starts (1-based).
  typealias HeaderValue = (value: String, line: Int, column: Int)

  let file: String
  let lines: [String]

  /// Decodes the bytes (invalid UTF-8 is an error at its position) and splits them into lines.
  init(_ bytes: [UInt8], file: String) throws(ScenarioError) {
    self.file = file
    // Editors on some systems add one; name it rather than fail on the first line's text.
    guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else {
      throw ScenarioError(
        file: file, line: 1, column: 1,
        message: "the file starts with a UTF-8 byte-order mark; save it without one")
    }
    let text = try ScenarioParser.decodeUTF8(bytes, file: file)
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.last == "\r" ? $0.dropLast() : $0)
    }
    if lines.last == "" { lines.removeLast() }
    self.lines = lines
  }

  /// A problem at `line` (1-based), `column`, with the source line for the caret.
  func error(_ message: String, line: Int, column: Int = 1) -> ScenarioError {
    let source = line >= 1 && line <= lines.count ? lines[line - 1] : ""
    return ScenarioError(
      file: file, line: line, column: column, message: message, sourceLine: source)
  }

  /// Reads the leading `# key: value` lines from `index` (which ends after them); a comment
  /// that is not `key: value` ends the header. Unknown and repeated keys are errors.
  func header(keys: [String], from index: inout Int) throws(ScenarioError) -> [String: HeaderValue]
  {
    var header: [String: HeaderValue] = [:]
    while index < lines.count, lines[index].hasPrefix("#") {
      let line = lines[index]
      let body = line.dropFirst().drop { $0 == " " }
      guard let colon = body.firstIndex(of: ":") else { break }
      let key = String(body[..<colon])
      guard key.allSatisfy({ $0.isLetter || $0 == "-" }) else { break }
      guard keys.contains(key) else {
        throw error(
          "unknown header key '\(key)'; expected one of: " + keys.joined(separator: ", "),
          line: index + 1, column: 3)
      }
      guard header[key] == nil else {
        throw error("header key '\(key)' is given twice", line: index + 1, column: 3)
      }
      let valueStart = body[body.index(after: colon)...].drop { $0 == " " }
      let value = String(valueStart.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
      header[key] = (value, index + 1, line.count - valueStart.count + 1)
      index += 1
    }
    return header
  }
}

extension ScenarioSource {
  /// A line of a scenario's body (after the header), classified by its first characters the
  /// same way for CloudHSM and IAM scenarios; blank lines are left out.
  struct BodyLine {
    enum Kind {
      /// `# …`
      case comment
      /// `[session] …` or `[caller] …`
      case step
      /// `< …` (CloudHSM scenarios only; IAM scenarios refuse it)
      case answer
      /// `=> …`
      case expectation
      /// Anything else: an error in both formats.
      case other
    }

    var kind: Kind
    /// The line's number, from 1.
    var number: Int
    /// The column of the line's first non-blank character.
    var column: Int
    /// What the line says: the line from its first non-blank character; for an answer, the
    /// text after `<` and one space; for an expectation, the text after `=>` and its spaces.
    var text: String
    /// The column where `text` starts.
    var textColumn: Int
  }

  /// The body's lines from line index `start` (0-based) on, without blank lines.
  func bodyLines(from start: Int) -> [BodyLine] {
    var result: [BodyLine] = []
    for (index, line) in lines.enumerated().dropFirst(start) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard !trimmed.isEmpty else { continue }
      let column = line.count - trimmed.count + 1
      var body = BodyLine(
        kind: .other, number: index + 1, column: column, text: String(trimmed),
        textColumn: column)
      if trimmed.hasPrefix("#") {
        body.kind = .comment
      } else if trimmed.hasPrefix("[") {
        body.kind = .step
      } else if trimmed.hasPrefix("<") {
        body.kind = .answer
        body.text = String(
          trimmed.dropFirst().hasPrefix(" ") ? trimmed.dropFirst(2) : trimmed.dropFirst())
        body.textColumn = line.count - body.text.count + 1
      } else if trimmed.hasPrefix("=>") {
        body.kind = .expectation
        body.text = String(trimmed.dropFirst(2).drop { $0 == " " })
        body.textColumn = line.count - body.text.count + 1
      }
      result.append(body)
    }
    return result
  }
}
