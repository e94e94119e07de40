// Spec: house-style.md §6 (parse → print → parse is the identity); rules HSM-SYNTAX-*.
import PropertyBased
import ReferenceModel
import Testing

/// Pieces that awkward strings are made of: blanks, quotes, backslashes, `=`, dashes, help
/// flags, controls, invisible and multi-scalar characters.
private let pieces: [String] = [
  "a", "Z", "0", "_", " ", "  ", "\t", "\n", "\r\n", "'", "\"", "\\", "=", "-", "--", "-h",
  "--help", "--role", "$HOME", "#", "*", "é", "e\u{301}", "日本", "😀", "\u{0}", "\u{7}",
  "\u{7F}", "\u{85}", "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{A0}",
]

private func pick<T>(_ items: [T], _ rng: inout some RandomNumberGenerator) -> T {
  items[Int.random(in: 0..<items.count, using: &rng)]
}

private func awkward(_ rng: inout some RandomNumberGenerator) -> String {
  let count = Int.random(in: 0...6, using: &rng)
  let text = (0..<count).map { _ in pick(pieces, &rng) }.joined()
  return Bool.random(using: &rng) ? text : pick(["", "-", "--", "-x"], &rng) + text
}

private func maybe(_ rng: inout some RandomNumberGenerator) -> String? {
  Int.random(in: 0..<3, using: &rng) == 0 ? nil : awkward(&rng)
}

private func command(_ rng: inout some RandomNumberGenerator) -> Command {
  let name = awkward(&rng)
  let role = pick(Role.selectable, &rng)
  switch Int.random(in: 0..<7, using: &rng) {
  case 0: return .clusterActivate(password: maybe(&rng))
  case 1: return .login(.init(username: name, role: role, password: maybe(&rng)))
  case 2: return .logout
  case 3:
    return .userCreate(
      .init(username: name, role: role, password: maybe(&rng), approval: maybe(&rng)))
  case 4: return .userDelete(.init(username: name, role: role, approval: maybe(&rng)))
  case 5: return .userList
  default:
    return .userChangePassword(
      .init(
        username: name, role: role, password: maybe(&rng), approval: maybe(&rng),
        deregisterMFA: .random(using: &rng), deregisterQuorum: .random(using: &rng)))
  }
}

private let inputs = Generator<CommandLineInput, Shrink.None<CommandLineInput>> { rng in
  switch Int.random(in: 0..<10, using: &rng) {
  case 0: return pick([.empty, .quit], &rng)
  case 1: return .help(pick(HelpTopic.allCases, &rng))
  default: return .command(command(&rng))
  }
}

/// Fragments that random lines are made of, biased towards the grammar and the quoting rules.
private let fragments: [[UInt8]] =
  [
    "user", "create", "delete", "list", "change-password", "cluster", "activate", "login",
    "logout", "help", "quit", "--username", "--role", "--password", "--approval",
    "--deregister-mfa", "--deregister-quorum", "admin", "crypto-user", "-h", "--help", "--",
    "-", "=", " ", "\t", "\n", "'", "\"", "\\", "a", "é", "日",
  ].map { Array($0.utf8) } + [[0xC3], [0xA9], [0xFF], [0xED, 0xA0, 0x80], [0x00], [0x7F]]

private let lines = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
  let count = Int.random(in: 0...14, using: &rng)
  return (0..<count).flatMap { _ in
    Int.random(in: 0..<4, using: &rng) == 0
      ? [UInt8.random(in: 0...255, using: &rng)] : pick(fragments, &rng)
  }
}

@Suite struct CommandLineRoundTripTests {
  @Test func printedInputParsesBackToItself() async {
    await propertyCheck(count: 2000, input: inputs) { input in
      let text = input.canonicalText
      let reparsed = try CommandLineParser.parse(text)
      #expect(reparsed == input, "printed as \(text.debugDescription)")
    }
  }

  @Test func randomLinesKeepEveryParserProperty() async {
    await propertyCheck(count: 5000, input: lines) { line in
      let violations = parserViolations(line)
      #expect(violations.isEmpty, "\(line)")
    }
  }

  static let awkwardValues = [
    "", " ", "-", "-h", "--help", "--", "a=b", "=", "'", "\"", "\\", "it's \"x\"", "\n", "\0",
    "é", "\u{202E}", "-x y", "$(reboot)",
  ]

  @Test(arguments: awkwardValues)
  func awkwardPasswordRoundTrips(_ value: String) throws {
    let input = CommandLineInput.command(
      .userCreate(.init(username: value, role: .cryptoUser, password: value, approval: value)))
    let text = canonicalText(input)
    #expect(try CommandLineParser.parse(text) == input, "printed as \(text.debugDescription)")
  }

  @Test func canonicalTextUsesUsageOrderAndPlainWords() {
    let input = CommandLineInput.command(
      .userChangePassword(
        .init(
          username: "bob", role: .admin, password: "-p w", approval: "/t",
          deregisterMFA: true, deregisterQuorum: true)))
    #expect(
      input.canonicalText
        == "user change-password --username bob --role admin --password='-p w' --approval /t "
        + "--deregister-mfa --deregister-quorum")
    #expect(CommandLineInput.help(.userCreate).canonicalText == "help user create")
  }
}

/// The fuzz target's properties (`Fuzz.checkCommandLine`), restated here because this test
/// target depends on ReferenceModel only.
private func parserViolations(_ line: [UInt8]) -> [String] {
  do {
    let input = try CommandLineParser.parse(line)
    let text = input.canonicalText
    guard let reparsed = try? CommandLineParser.parse(text) else {
      return ["canonical text \(text.debugDescription) of \(input) is rejected"]
    }
    var violations: [String] = []
    if reparsed != input { violations.append("\(input) reparses as \(reparsed)") }
    if reparsed.canonicalText != text { violations.append("\(text.debugDescription) not fixed") }
    return violations
  } catch {
    let inBounds =
      error.offset >= 0 && error.offset <= line.count && error.length >= 1
      && error.offset + error.length <= line.count + 1
    let rendered = error.render(line: line)
    return (inBounds ? [] : ["\(error) out of bounds"])
      + (rendered.hasPrefix("error: ") ? [] : ["bad rendering"])
  }
}
