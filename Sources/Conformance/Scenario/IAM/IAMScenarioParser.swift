import ReferenceModel
import IAMModel

/// Reads IAM scenario files (format: scenarios/README.md, "IAM scenarios").
///
/// Every problem is a `ScenarioError` with file, line and column. Checks: header keys and
/// `profile: iam`; each step's caller, action (one the model knows) and parameters (names the
/// action takes; values bare or JSON strings); expectations; and that a user caller has an
/// access key created for them by an earlier step.
/// Spec: issue #8 "Scenarios under `scenarios/iam/`, same format".
package enum IAMScenarioParser {
  package static let headerKeys = ["id", "description", "rules", "spec", "profile", "requires"]

  /// Whether a file's header declares `# profile: iam` (read before choosing a parser).
  package static func isIAM(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
    for scalars in head.unicodeScalars.split(separator: "\n") {
      let line = Substring(String(scalars))
      guard line.hasPrefix("#") else { return false }
      let body = line.dropFirst().drop { $0 == " " }
      if body.hasPrefix("profile:") {
        return body.dropFirst("profile:".count).trimmingCharacters(in: " \r") == "iam"
      }
    }
    return false
  }

  package static func parse(_ bytes: [UInt8], path: String, file: String? = nil)
    throws(ScenarioError) -> IAMScenario
  {
    let source = try ScenarioSource(bytes, file: file ?? path)
    var state = IAMParserState(source: source)
    try state.parseHeader()
    try state.parseSteps()
    return try state.scenario(path: path)
  }
}

struct IAMParserState {
  let source: ScenarioSource
  var index = 0
  var header: [String: ScenarioSource.HeaderValue] = [:]
  var steps: [IAMScenario.Step] = []

  init(source: ScenarioSource) { self.source = source }

  var lines: [String] { source.lines }

  func error(_ message: String, line: Int, column: Int = 1) -> ScenarioError {
    source.error(message, line: line, column: column)
  }

  mutating func parseHeader() throws(ScenarioError) {
    header = try source.header(keys: IAMScenarioParser.headerKeys, from: &index)
    if let profile = header["profile"], profile.value != "iam" {
      throw error(
        "profile '\(profile.value)' is not 'iam' (CloudHSM scenarios have no profile line)",
        line: profile.line, column: profile.column)
    }
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
      case .expectation:
        guard let last = steps.indices.last else {
          throw error(
            "an expectation '=>' must follow a step", line: line.number, column: line.column)
        }
        guard steps[last].expectation == nil else {
          throw error("this step already has an expectation", line: line.number, column: line.column)
        }
        steps[last].expectation = try expectation(
          line.text, line: line.number, column: line.textColumn)
      case .answer, .other:
        throw error(
          "expected a step '[caller] Action Name=value …', an expectation '=> …' or a comment "
            + "'# …'", line: line.number, column: line.column)
      }
    }
    index = lines.count
  }

  func step(_ text: String, number: Int, column: Int, _ comments: [String])
    throws(ScenarioError) -> IAMScenario.Step
  {
    guard let close = text.firstIndex(of: "]") else {
      throw error("the caller name has no closing ']'", line: number, column: column)
    }
    let name = String(text[text.index(after: text.startIndex)..<close])
    guard !name.isEmpty,
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) })
    else {
      throw error(
        "a caller is an IAM user name: letters, digits and _+=,.@- (got '\(name)')",
        line: number, column: column + 1)
    }
    let rest = Array(text[text.index(after: close)...])
    var tokens = try IAMStepTokenizer(
      characters: rest, column: column + name.count + 2, state: self, line: number
    ).tokens()
    guard !tokens.isEmpty else {
      throw error("the step has no action after [\(name)]", line: number, column: column)
    }
    let first = tokens.removeFirst()
    guard first.value == nil, let action = IAMAction(rawValue: first.name) else {
      throw error(
        "unknown action '\(first.name)'; expected one of: "
          + IAMAction.allCases.map(\.rawValue).joined(separator: ", "), line: number,
        column: first.column)
    }
    var parameters: [IAMScenario.Parameter] = []
    for token in tokens {
      guard let value = token.value else {
        throw error(
          "expected 'Name=value' (got '\(token.name)')", line: number, column: token.column)
      }
      guard action.parameters.contains(token.name) else {
        throw error(
          "\(action.rawValue) takes no parameter '\(token.name)'; it takes: "
            + action.parameters.joined(separator: ", "), line: number, column: token.column)
      }
      parameters.append(IAMScenario.Parameter(token.name, value))
    }
    return IAMScenario.Step(
      caller: SessionID(name), action: action, parameters: parameters, comments: comments,
      lineNumber: number)
  }

  func expectation(_ body: String, line: Int, column: Int) throws(ScenarioError)
    -> IAMScenario.Expectation
  {
    let words = body.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    switch words.first {
    case "ok" where words.count >= 2:
      let ruleID = try rule(String(words[1]), line: line, column: column + 3)
      guard words.count == 3 else { return .ok(rule: ruleID, data: nil) }
      let json = String(words[2])
      do {
        return .ok(rule: ruleID, data: try JSONReader.parse(Array(json.utf8)))
      } catch {
        throw self.error(
          "the expected data is not JSON: \(error.message)", line: line,
          column: column + body.count - json.count + max(0, error.column - 1))
      }
    case "error" where words.count == 3:
      let ruleID = try rule(String(words[1]), line: line, column: column + 6)
      let code = String(words[2])
      guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
        throw error(
          "an error code is letters and digits (got '\(code)')", line: line,
          column: column + body.count - code.count)
      }
      return .error(rule: ruleID, code: code)
    default:
      throw error(
        "expected '=> ok RULE', '=> ok RULE DATA' or '=> error RULE Code'", line: line,
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

  func scenario(path: String) throws(ScenarioError) -> IAMScenario {
    for key in ["id", "description", "rules", "spec", "profile"] where header[key] == nil {
      throw error("the header has no '# \(key): …' line", line: 1)
    }
    var rules: [RuleID] = []
    if let (value, line, column) = header["rules"] {
      var offset = 0
      for part in value.split(separator: ",", omittingEmptySubsequences: false) {
        let leading = part.prefix { $0 == " " }.count
        let name = part.trimmingCharacters(in: " ")
        if !name.isEmpty {
          rules.append(try rule(name, line: line, column: column + offset + leading))
        }
        offset += part.count + 1
      }
    }
    guard !steps.isEmpty else { throw error("the scenario has no steps", line: lines.count) }
    var keyed: Set<String> = []
    for step in steps {
      if IAMScenario.accountCallers.contains(step.caller) {
        if step.action == .createAccessKey, let user = step["UserName"] {
          keyed.insert(user)
        }
      } else if !keyed.contains(step.caller.rawValue) {
        throw error(
          "[\(step.caller)] has no access key yet: add '[admin] CreateAccessKey "
            + "UserName=\(step.caller)' before this step", line: step.lineNumber, column: 2)
      }
    }
    let requires =
      header["requires"].map {
        $0.value.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
      } ?? []
    return IAMScenario(
      id: header["id"]?.value ?? "", path: path, description: header["description"]?.value ?? "",
      rules: rules, spec: header["spec"]?.value ?? "", requires: requires.filter { !$0.isEmpty },
      steps: steps)
  }
}

/// Splits a step into words and `Name=value` pairs, values bare or JSON strings.
struct IAMStepTokenizer {
  struct Token {
    var name: String
    var value: String?
    var column: Int
  }

  let characters: [Character]
  let column: Int
  let state: IAMParserState
  let line: Int

  func tokens() throws(ScenarioError) -> [Token] {
    var result: [Token] = []
    var i = 0
    while i < characters.count {
      if characters[i] == " " || characters[i] == "\t" {
        i += 1
        continue
      }
      let start = i
      while i < characters.count, characters[i] != "=", characters[i] != " " { i += 1 }
      let name = String(characters[start..<i])
      guard i < characters.count, characters[i] == "=" else {
        result.append(Token(name: name, value: nil, column: column + start))
        continue
      }
      i += 1
      if i < characters.count, characters[i] == "\"" {
        let valueStart = i
        i += 1
        while i < characters.count, characters[i] != "\"" {
          i += characters[i] == "\\" ? 2 : 1
        }
        guard i < characters.count else {
          throw state.error(
            "unterminated quoted value", line: line, column: column + valueStart)
        }
        i += 1
        let quoted = String(characters[valueStart..<i])
        guard case .string(let value)? = try? JSONReader.parse(Array(quoted.utf8)) else {
          throw state.error(
            "a quoted value must be a JSON string", line: line, column: column + valueStart)
        }
        result.append(Token(name: name, value: value, column: column + start))
      } else {
        let valueStart = i
        while i < characters.count, characters[i] != " ", characters[i] != "\t" { i += 1 }
        result.append(
          Token(name: name, value: String(characters[valueStart..<i]), column: column + start))
      }
    }
    return result
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
