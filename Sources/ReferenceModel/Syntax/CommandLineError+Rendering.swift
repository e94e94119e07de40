extension CommandLineError {
  /// The one-line explanation, clap's wording where clap has one (without `error: `).
  ///
  /// Words and values from the line are shown with non-printable characters escaped.
  package var message: String {
    var text = CommandLineDisplay.Text()
    writeMessage(to: &text)
    return text.string
  }

  private func writeMessage(to text: inout CommandLineDisplay.Text) {
    switch kind {
    case .unterminatedQuote:
      text.append("unterminated quote: the quote opened here is never closed")
    case .danglingEscape:
      text.append("dangling escape: a backslash at the end of the line escapes nothing")
    case .invalidUTF8:
      text.append("invalid UTF-8 in the command line")
    case .unknownCommand(let word, let expected):
      text.append("unrecognized subcommand '", shown: word, "'")
      text.appendList("subcommands", expected)
    case .missingSubcommand(let group, let expected):
      text.append("'", shown: group, "' requires a subcommand but one was not provided")
      text.appendList("subcommands", expected)
    case .unknownOption(let option):
      text.append("unexpected argument '", shown: option, "' found")
    case .missingValue(let option):
      text.append("a value is required for '", described: option, "' but none was supplied")
    case .unexpectedValue(let option):
      text.append(
        "unexpected value for '", shown: option, "' found; it is a flag and takes no value")
    case .repeatedOption(let option):
      text.append("the argument '", described: option, "' cannot be used multiple times")
    case .invalidValue(let option, let value, let possibleValues):
      text.append("invalid value '", shown: value, "' for '")
      text.append("", described: option, "'")
      text.appendList("possible values", possibleValues)
    case .missingRequired(let options):
      text.append("the following required arguments were not provided: ")
      for (index, option) in options.enumerated() {
        text.append(index == 0 ? "" : ", ", described: option, "")
      }
    case .unexpectedArgument(let word):
      text.append("unexpected argument '", shown: word, "' found")
    case .conflictingOptions(let option, let other):
      text.append("the argument '", described: option, "' cannot be used with '")
      text.append("", described: other, "'")
    }
  }

  /// The error as clap/rustc-style text: the message, a `--> 1:column` locator, and the line
  /// echoed with carets under the offending characters.
  ///
  /// Columns count characters (grapheme clusters of the echoed line), not bytes; control and
  /// other invisible characters are echoed as visible stand-ins, and bytes that are not UTF-8
  /// as `\xNN`. Any offset is accepted: one past the end puts the caret after the line.
  ///
  /// The command-line fuzz target renders every rejected line (as bytes, `renderedBytes`), so
  /// this writes bytes into the result's own storage, with no string per character: see
  /// `CommandLineDisplay.rendering`.
  package func render(line: some Collection<UInt8>) -> String {
    String(decoding: renderedBytes(line: line), as: UTF8.self)
  }

  /// `render(line:)` as UTF-8 bytes, before they become a `String`.
  package func renderedBytes(line: some Collection<UInt8>) -> [UInt8] {
    var head = CommandLineDisplay.Text(capacity: 160)
    head.append("error: ")
    writeMessage(to: &head)
    return CommandLineDisplay.rendering(
      head: head.bytes, line: Array(line), from: offset, to: offset + max(1, length))
  }
}
