extension CommandLineError {
  /// The one-line explanation, clap's wording where clap has one (without `error: `).
  ///
  /// Words and values from the line are shown with non-printable characters escaped.
  package var message: String {
    switch kind {
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

  /// The error as clap/rustc-style text: the message, a `--> 1:column` locator, and the line
  /// echoed with carets under the offending characters.
  ///
  /// Columns count characters (grapheme clusters of the echoed line), not bytes; control and
  /// other invisible characters are echoed as visible stand-ins, and bytes that are not UTF-8
  /// as `\xNN`. Any offset is accepted: one past the end puts the caret after the line.
  package func render(line: some Collection<UInt8>) -> String {
    let segments = CommandLineDisplay.segments(of: Array(line))
    var before = ""
    var underlined = ""
    var after = ""
    let end = offset + max(1, length)
    for segment in segments {
      if segment.offset < offset {
        before += segment.text
      } else if segment.offset < end {
        underlined += segment.text
      } else {
        after += segment.text
      }
    }
    let column = before.count
    let carets = max(1, (before + underlined).count - column)
    return [
      "error: " + message,
      " --> 1:\(column + 1)",
      "  |",
      "1 | " + before + underlined + after,
      "  | " + String(repeating: " ", count: column) + String(repeating: "^", count: carets),
    ].joined(separator: "\n")
  }

  private func shown(_ text: String) -> String { CommandLineDisplay.escaped(text) }

  /// `--username <USERNAME>` for a value option, the bare name for a flag or unknown option.
  private func described(_ option: String) -> String {
    let spec = HelpTopic.allCases.lazy.flatMap { CommandLineParser.options(for: $0) }
      .first { $0.name == option }
    return spec?.displayName ?? shown(option)
  }

  private func list(_ title: String, _ items: [String]) -> String {
    items.isEmpty ? "" : " [\(title): " + items.map(shown).joined(separator: ", ") + "]"
  }
}

/// Shows command-line text safely on a terminal: every character visible, one per column.
///
/// C0 controls and DEL become their Unicode control pictures (`␀`…`␟`, `␡`), other invisible
/// scalars (C1 controls, format characters, separators, private use, unassigned) become
/// `\u{XXXX}`, and bytes that are not UTF-8 become `\xNN`.
/// Spec: house-style.md §4 (golden-tested error text); rule HSM-SYNTAX-006.
enum CommandLineDisplay {
  /// A piece of the echoed line and the line offset of its first byte.
  struct Segment {
    var offset: Int
    var text: String
  }

  /// The line cut into displayable pieces, one per scalar or ill-formed byte.
  static func segments(of line: [UInt8]) -> [Segment] {
    var segments: [Segment] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = line.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        segments.append(Segment(offset: offset, text: shown(scalar)))
        offset += encoded.count
      case .error(let length):
        for index in offset..<min(line.count, offset + max(1, length)) {
          segments.append(Segment(offset: index, text: "\\x" + hex(line[index], width: 2)))
        }
        offset += max(1, length)
      case .emptyInput:
        return segments
      }
    }
  }

  /// `text` with every invisible scalar replaced by a visible stand-in.
  static func escaped(_ text: String) -> String {
    text.unicodeScalars.map(shown).joined()
  }

  /// Whether `scalar` prints as something visible.
  static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate,
      .unassigned:
      return false
    default:
      return true
    }
  }

  private static func shown(_ scalar: Unicode.Scalar) -> String {
    if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
      return String(Character(picture))
    }
    if scalar.value == 0x7F { return "\u{2421}" }
    if !isVisible(scalar) { return "\\u{" + hex(scalar.value, width: 4) + "}" }
    return String(Character(scalar))
  }

  private static func hex(_ value: some BinaryInteger, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
