/// Why a command line was refused, and where.
///
/// `offset` is a byte offset into the line as given (0 ≤ offset ≤ line length); `length` is the
/// number of bytes the caret underlines (at least 1 when rendered). Modelled on
/// swift-argument-parser's `InputOrigin` and swift-parsing's error context.
/// Spec: spec-digest.md §2.0 (clap conventions); rules HSM-SYNTAX-*.
package struct CommandLineError: Error, Hashable, Sendable {
  /// The kind of mistake, with what is needed to explain it.
  package enum Kind: Hashable, Sendable {
    /// A quote opened at `offset` is never closed.
    case unterminatedQuote
    /// A backslash is the last byte of the line.
    case danglingEscape
    /// The bytes starting at `offset` are not valid UTF-8.
    case invalidUTF8
    /// The first word (or a word after a command group) names no command.
    case unknownCommand(String, expected: [String])
    /// A command group (`user`, `cluster`) was given without a subcommand.
    case missingSubcommand(group: String, expected: [String])
    /// An option the command does not have.
    case unknownOption(String)
    /// An option that takes a value was given none.
    case missingValue(option: String)
    /// A flag (takes no value) was given one with `--flag=value`.
    case unexpectedValue(option: String)
    /// The same option was given twice.
    case repeatedOption(String)
    /// A value outside the option's possible values (`--role`).
    case invalidValue(option: String, value: String, possibleValues: [String])
    /// Required options that are absent, in the usage line's order.
    case missingRequired([String])
    /// A word that no option or subcommand consumes.
    case unexpectedArgument(String)
    /// Two options of which only one may be given (`--token` and `--deregister`).
    case conflictingOptions(String, with: String)
  }

  package var kind: Kind
  package var offset: Int
  package var length: Int

  package init(_ kind: Kind, offset: Int, length: Int = 1) {
    self.kind = kind
    self.offset = offset
    self.length = length
  }
}
