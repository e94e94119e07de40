import ReferenceModel

/// Reads scenario files (format: scenarios/README.md).
///
/// Every problem is a `ScenarioError` with file, line and column; nothing here traps.
/// Spec: issue #4 "Scenario scripts"; scenarios/README.md.
package enum ScenarioParser {
  /// Header keys in the order the writer prints them.
  package static let headerKeys = [
    "id", "description", "rules", "spec", "requires", "keys", "profile",
  ]

  /// Parses one file's bytes. `path` is relative to the scenarios folder (used for `path` and
  /// in errors as `file`).
  package static func parse(_ bytes: [UInt8], path: String, file: String? = nil)
    throws(ScenarioError) -> Scenario
  {
    let source = try ScenarioSource(bytes, file: file ?? path)
    var state = ParserState(source: source)
    try state.parseHeader()
    try state.parseSteps()
    return try state.scenario(path: path)
  }

  /// Rejects invalid UTF-8 with the position of the first bad byte.
  static func decodeUTF8(_ bytes: [UInt8], file: String) throws(ScenarioError) -> String {
    var line = 1
    var lineStart = 0
    var index = 0
    while index < bytes.count {
      let length = utf8SequenceLength(bytes, at: index)
      guard length > 0 else {
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        throw ScenarioError(
          file: file, line: line, column: column, message: "the file is not valid UTF-8")
      }
      if bytes[index] == UInt8(ascii: "\n") {
        line += 1
        lineStart = index + 1
      }
      index += length
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The length of the valid UTF-8 sequence at `index`, or 0 when it is invalid.
  static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let first = bytes[index]
    let (length, minimum): (Int, UInt32) =
      switch first {
      case 0x00...0x7F: (1, 0)
      case 0xC2...0xDF: (2, 0x80)
      case 0xE0...0xEF: (3, 0x800)
      case 0xF0...0xF4: (4, 0x10000)
      default: (0, 0)
      }
    guard length > 0, index + length <= bytes.count else { return 0 }
    if length == 1 { return 1 }
    var scalar = UInt32(first) & (0xFF >> (length + 1))
    for offset in 1..<length {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return 0 }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
      return 0
    }
    return length
  }
}

/// The parser's cursor and what it has read so far.
private struct ParserState {
  let source: ScenarioSource
  var index = 0
  var header: [String: ScenarioSource.HeaderValue] = [:]
  var steps: [Scenario.Step] = []

  init(source: ScenarioSource) { self.source = source }

  var lines: [String] { source.lines }

  func error(_ message: String, line: Int, column: Int = 1) -> ScenarioError {
    source.error(message, line: line, column: column)
  }

  mutating func parseHeader() throws(ScenarioError) {
    header = try source.header(keys: ScenarioParser.headerKeys, from: &index)
  }

  mutating func parseSteps() throws(ScenarioError) {
    var comments: [String] = []
    for line in source.bodyLines(from: index) {
      switch line.kind {
      case .comment:
        comments.append(line.text)
      case .step:
        steps.append(try step(line.text, number: line.number, column: line.column, comments))
        comments = []
      case .answer:
        guard !steps.isEmpty, steps[steps.count - 1].expectation == nil else {
          throw error(
            "an answer line '< …' must follow its step, before the '=>' line",
            line: line.number, column: line.column)
        }
        let owner = steps[steps.count - 1]
        guard owner.session != Scenario.harnessSession, !owner.isEndOfInput else {
          throw error(
            "a [\(owner.session)] \(owner.isEndOfInput ? "<eof>" : "token") step asks no "
              + "questions, so it takes no answer lines", line: line.number, column: line.column)
        }
        // `{sign …}` is a directive only in its exact forms; a near miss would be sent as text.
        if line.text.hasPrefix("{sign "), line.text.hasSuffix("}"),
          TokenAction.answerDirective(line.text) == nil
        {
          throw error(
            "expected '< {sign KEY}', '< {sign KEY tamper}' or '< {sign KEY drop}'",
            line: line.number, column: line.textColumn)
        }
        steps[steps.count - 1].answers.append(line.text)
      case .expectation:
        guard !steps.isEmpty else {
          throw error(
            "an expectation '=>' must follow a step", line: line.number, column: line.column)
        }
        guard steps[steps.count - 1].expectation == nil else {
          throw error("this step already has an expectation", line: line.number, column: line.column)
        }
        steps[steps.count - 1].expectation = try expectation(
          line.text, line: line.number, column: line.textColumn)
      case .other:
        throw error(
          "expected a step '[session] command', an answer '< …', an expectation '=> …' or a "
            + "comment '# …'", line: line.number, column: line.column)
      }
    }
    index = lines.count
  }

  func step(_ text: String, number: Int, column: Int, _ comments: [String])
    throws(ScenarioError) -> Scenario.Step
  {
    guard let close = text.firstIndex(of: "]") else {
      throw error("the session name has no closing ']'", line: number, column: column)
    }
    let name = String(text[text.index(after: text.startIndex)..<close])
    guard !name.isEmpty,
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
    else {
      throw error(
        "a session name is letters, digits, '_' and '-' (got '\(name)')", line: number,
        column: column + 1)
    }
    let command = text[text.index(after: close)...].drop { $0 == " " }
    guard !command.isEmpty else {
      throw error("the step has no command after [\(name)]", line: number, column: column)
    }
    if SessionID(name) == Scenario.harnessSession {
      let at = column + name.count + 3
      switch TokenAction.step(String(command)) {
      case .failure(let problem):
        throw error(
          "a [\(Scenario.harnessSession)] step is a token action: \(problem.message)", line: number,
          column: at)
      case .success(let action):
        // The harness changes files only in the case's own folder, never elsewhere on disk.
        if let file = action.file, !file.hasPrefix("{workdir}/") {
          throw error(
            "a [\(Scenario.harnessSession)] step changes files in the case's folder only: "
              + "start the path with {workdir}/ (got '\(file)')", line: number, column: at)
        }
      }
    }
    if command.hasPrefix(Scenario.endOfInput), command != Scenario.endOfInput {
      throw error(
        "'\(Scenario.endOfInput)' ends the session and takes nothing after it", line: number,
        column: column + name.count + 3)
    }
    return Scenario.Step(
      session: SessionID(name), line: String(command), comments: comments, lineNumber: number)
  }

  func expectation(_ body: String, line: Int, column: Int) throws(ScenarioError)
    -> Scenario.Expectation
  {
    let words = body.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    switch words.first {
    case "help" where words.count == 1: return .help
    case "ended" where words.count == 1: return .ended
    case "done" where words.count == 1: return .done
    case "error" where words.count == 2:
      return .error(rule: try rule(String(words[1]), line: line, column: column + 6))
    case "ok" where words.count == 3:
      let ruleID = try rule(String(words[1]), line: line, column: column + 3)
      let json = String(words[2])
      let jsonColumn = column + body.count - json.count
      do {
        return .ok(rule: ruleID, data: try JSONReader.parse(Array(json.utf8)))
      } catch {
        throw self.error(
          "the expected data is not JSON: \(error.message)", line: line,
          column: jsonColumn + max(0, error.column - 1))
      }
    default:
      throw error(
        "expected '=> ok RULE DATA', '=> error RULE', '=> help', '=> ended' or '=> done'",
        line: line,
        column: column)
    }
  }

  func rule(_ text: String, line: Int, column: Int) throws(ScenarioError) -> RuleID {
    let id = RuleID(text)
    guard RuleCatalogue.rule(id) != nil else {
      throw error("unknown rule '\(text)' (see `harness rules`)", line: line, column: column)
    }
    return id
  }

  func scenario(path: String) throws(ScenarioError) -> Scenario {
    for key in ["id", "description", "rules", "spec"] where header[key] == nil {
      throw error("the header has no '# \(key): …' line", line: 1)
    }
    // `# profile: iam` files go to the IAM parser; here the profile may be named, or not.
    if let (value, line, column) = header["profile"], value.trimmingCharacters != "cloudhsm-cli" {
      throw error(
        "unknown profile '\(value)'; expected cloudhsm-cli (or iam, for an IAM scenario)",
        line: line, column: column)
    }
    for key in ["id", "description", "spec"] {
      guard let (value, line, column) = header[key], value.trimmingCharacters.isEmpty else {
        continue
      }
      throw error("'# \(key):' must not be empty", line: line, column: column)
    }
    var rules: [RuleID] = []
    if let (value, line, column) = header["rules"] {
      var offset = 0
      for part in value.split(separator: ",", omittingEmptySubsequences: false) {
        let leading = part.prefix { $0 == " " }.count
        let name = part.trimmingCharacters
        if !name.isEmpty {
          rules.append(try rule(name, line: line, column: column + offset + leading))
        }
        offset += part.count + 1
      }
    }
    let requires =
      header["requires"].map { $0.value.split(separator: ",").map { $0.trimmingCharacters } }
      ?? []
    let keys =
      header["keys"].map { $0.value.split(separator: ",").map { $0.trimmingCharacters } } ?? []
    if let (_, line, column) = header["keys"] {
      for key in keys
      where key.isEmpty || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
        throw error("a key name is ASCII letters, digits and '_' (got '\(key)')", line: line, column: column)
      }
      for (offset, key) in keys.enumerated() where keys[..<offset].contains(key) {
        throw error("the key '\(key)' is declared twice", line: line, column: column)
      }
    }
    for step in steps {
      let actions: [TokenAction] =
        step.session == Scenario.harnessSession
        ? [step.action].compactMap { $0 } : step.answers.compactMap(TokenAction.answerDirective)
      for key in actions.flatMap(\.keys) where !keys.contains(key) {
        throw error(
          "the step signs with key '\(key)', which the '# keys:' header does not declare",
          line: step.lineNumber)
      }
    }
    guard !steps.isEmpty else { throw error("the scenario has no steps", line: lines.count) }
    var scenario = Scenario(
      id: header["id"]?.value ?? "", path: path, description: header["description"]?.value ?? "",
      rules: rules, spec: header["spec"]?.value ?? "", requires: requires.filter { !$0.isEmpty },
      keys: keys, steps: steps)
    scenario.namesProfile = header["profile"] != nil
    return scenario
  }
}

extension StringProtocol {
  fileprivate var trimmingCharacters: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
