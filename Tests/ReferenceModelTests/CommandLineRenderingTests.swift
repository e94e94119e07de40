// The fast error rendering (one buffer, a byte table, counted columns) against the plain one it
// replaced: a string per piece, columns counted as characters.
// Spec: house-style.md §4 (golden-tested error text); rule HSM-SYNTAX-006; docs/fuzzing.md.
import PropertyBased
import ReferenceModel
import Testing

/// Pieces of awkward lines: ASCII controls, quotes, invalid and truncated UTF-8, invisible,
/// combining, wide, joining and multi-scalar characters, and the grammar's own words.
private let pieces: [[UInt8]] =
  [
    "user", " create ", "--username", "--role", "=", "'", "\"", "\\", "\u{0}", "\u{7F}", "\t",
    "\n", "\r", "\r\n", "é", "e\u{301}", "\u{301}", "\u{200B}", "\u{200D}", "\u{85}", "\u{A0}",
    "🇫🇷", "👍🏽", "\u{1100}\u{1161}", "한", "\u{FF9E}", "\u{D4E}", "\u{E000}", "\u{10FFFF}",
    "\u{E0001}", "\u{2028}", "\u{378}", "x\u{20DD}", "日本", "a", " ", "--help", "login", "admin",
  ].map { Array($0.utf8) } + [
    [0xFF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80],
    [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xC2],
  ]

private let lines = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
  let count = Int.random(in: 0...10, using: &rng)
  return (0..<count).flatMap { _ in
    switch Int.random(in: 0..<6, using: &rng) {
    case 0: return [UInt8.random(in: 0...255, using: &rng)]
    case 1: return anyScalar(&rng)
    default: return pieces[Int.random(in: 0..<pieces.count, using: &rng)]
    }
  }
}

/// Any scalar, most often from the BMP, in UTF-8.
private func anyScalar(_ rng: inout some RandomNumberGenerator) -> [UInt8] {
  let bound: UInt32 =
    Bool.random(using: &rng) ? 0x800 : Bool.random(using: &rng) ? 0xFFFF : 0x10_FFFF
  let scalar = Unicode.Scalar(UInt32.random(in: 0x80...bound, using: &rng)) ?? "\u{FFFD}"
  return Array(String(scalar).utf8)
}

@Suite struct CommandLineRenderingTests {
  @Test func renderingMatchesThePlainRenderingAtEveryOffset() async {
    await propertyCheck(count: 400, input: lines) { line in
      let word = String(decoding: line.prefix(12), as: UTF8.self)
      let kinds: [CommandLineError.Kind] = [
        .unknownCommand(word, expected: ["a", word]), .unknownOption(word),
        .invalidValue(option: "--role", value: word, possibleValues: [word, "x"]),
      ]
      for offset in -1...(line.count + 1) {
        for length in [0, 1, 2, 5] {
          let kind = kinds[(offset + 1 + length) % kinds.count]
          let error = CommandLineError(kind, offset: offset, length: length)
          let rendered = error.render(line: line)
          #expect(
            rendered == PlainRendering.render(error, line: line), "\(line) \(offset)+\(length)")
        }
      }
    }
  }

  @Test func parseErrorsRenderAsThePlainRendering() async {
    await propertyCheck(count: 3000, input: lines) { line in
      do throws(CommandLineError) {
        _ = try CommandLineParser.parse(line)
      } catch {
        #expect(error.render(line: line) == PlainRendering.render(error, line: line), "\(line)")
        #expect(error.message == PlainRendering.message(error), "\(line)")
      }
    }
  }

  @Test func everyMessageMatchesThePlainMessage() async {
    await propertyCheck(count: 300, input: lines) { line in
      let word = String(decoding: line, as: UTF8.self)
      let kinds: [CommandLineError.Kind] = [
        .unknownCommand(word, expected: ["a", word]), .missingSubcommand(group: word, expected: []),
        .unknownOption(word), .missingValue(option: word), .missingValue(option: "--username"),
        .unexpectedValue(option: word), .repeatedOption(word), .repeatedOption("--deregister-mfa"),
        .invalidValue(option: "--role", value: word, possibleValues: [word]),
        .missingRequired([word, "--role"]), .unexpectedArgument(word),
        .conflictingOptions(word, with: "--username"), .unterminatedQuote,
        .danglingEscape, .invalidUTF8,
      ]
      for kind in kinds {
        let error = CommandLineError(kind, offset: 0)
        #expect(error.message == PlainRendering.message(error), "\(kind)")
      }
    }
  }
}

extension CommandLineRenderingTests {
  /// Every BMP scalar the echo counts as one column by itself (`isVisibleAndAlone`) is split by the
  /// stdlib's grapheme breaking from itself, from ASCII and from a control picture.
  @Test func scalarsCountedAloneAreCharactersAlone() {
    var wrong: [String] = []
    for value in UInt32(0x80)..<0x1_0000 {
      guard let scalar = Unicode.Scalar(value), CommandLineDisplay.isVisibleAndAlone(scalar) else {
        continue
      }
      var text = String.UnicodeScalarView()
      for next: Unicode.Scalar in [
        scalar, scalar, "a", scalar, "\u{2400}", scalar, "\u{AC00}", scalar,
      ] {
        text.append(next)
      }
      if String(text).count != text.count { wrong.append(String(value, radix: 16)) }
    }
    #expect(wrong.isEmpty, "joined: \(wrong.prefix(20))")
  }
}

/// The rendering as first written: a `String` per piece of the line, columns counted as the
/// characters of the strings before and under the carets.
private enum PlainRendering {
  static func render(_ error: CommandLineError, line: [UInt8]) -> String {
    var before = ""
    var underlined = ""
    var after = ""
    let end = error.offset + max(1, error.length)
    for (offset, text) in segments(of: line) {
      if offset < error.offset {
        before += text
      } else if offset < end {
        underlined += text
      } else {
        after += text
      }
    }
    let column = before.count
    let carets = max(1, (before + underlined).count - column)
    return [
      "error: " + message(error),
      " --> 1:\(column + 1)",
      "  |",
      "1 | " + before + underlined + after,
      "  | " + String(repeating: " ", count: column) + String(repeating: "^", count: carets),
    ].joined(separator: "\n")
  }

  static func message(_ error: CommandLineError) -> String {
    switch error.kind {
    case .unterminatedQuote:
      return "unterminated quote: the quote opened here is never closed"
    case .danglingEscape:
      return "dangling escape: a backslash at the end of the line escapes nothing"
    case .invalidUTF8:
      return "invalid UTF-8 in the command line"
    case .unknownCommand(let word, let expected):
      return "unrecognized subcommand '\(shown(word))'" + list("subcommands", expected)
    case .missingSubcommand(let group, let expected):
      return "'\(shown(group))' requires a subcommand but one was not provided"
        + list("subcommands", expected)
    case .unknownOption(let option):
      return "unexpected argument '\(shown(option))' found"
    case .missingValue(let option):
      return "a value is required for '\(described(option))' but none was supplied"
    case .unexpectedValue(let option):
      return "unexpected value for '\(shown(option))' found; it is a flag and takes no value"
    case .repeatedOption(let option):
      return "the argument '\(described(option))' cannot be used multiple times"
    case .invalidValue(let option, let value, let possibleValues):
      return "invalid value '\(shown(value))' for '\(described(option))'"
        + list("possible values", possibleValues)
    case .missingRequired(let options):
      return "the following required arguments were not provided: "
        + options.map(described).joined(separator: ", ")
    case .unexpectedArgument(let word):
      return "unexpected argument '\(shown(word))' found"
    case .conflictingOptions(let option, let other):
      return "the argument '\(described(option))' cannot be used with '\(described(other))'"
    }
  }

  private static func described(_ option: String) -> String {
    let spec = HelpTopic.allCases.lazy.flatMap { CommandLineParser.options(for: $0) }
      .first { $0.name == option }
    return spec?.displayName ?? shown(option)
  }

  private static func list(_ title: String, _ items: [String]) -> String {
    items.isEmpty ? "" : " [\(title): " + items.map(shown).joined(separator: ", ") + "]"
  }

  private static func segments(of line: [UInt8]) -> [(Int, String)] {
    var segments: [(Int, String)] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = line.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        segments.append((offset, shown(Unicode.UTF8.decode(encoded))))
        offset += encoded.count
      case .error(let length):
        for index in offset..<min(line.count, offset + max(1, length)) {
          segments.append((index, "\\x" + hex(line[index], width: 2)))
        }
        offset += max(1, length)
      case .emptyInput:
        return segments
      }
    }
  }

  private static func shown(_ text: String) -> String { text.unicodeScalars.map(shown).joined() }

  private static func shown(_ scalar: Unicode.Scalar) -> String {
    if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
      return String(Character(picture))
    }
    if scalar.value == 0x7F { return "\u{2421}" }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate,
      .unassigned:
      return "\\u{" + hex(scalar.value, width: 4) + "}"
    default:
      return String(Character(scalar))
    }
  }

  private static func hex(_ value: some BinaryInteger, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
