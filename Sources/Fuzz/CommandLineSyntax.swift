package import ReferenceModel

/// The command-line parser a fuzz check runs, as a witness value.
///
/// `.reference` is `CommandLineParser.parse`; the only other value is the deliberately broken
/// `.injectedBug` (see `CommandLineSyntax+InjectedBug.swift`), which only a fuzz build made with
/// `-DFUZZ_INJECT_BUG` and the tests that prove the target finds it ever use.
/// Spec: house-style.md §1 ("arrive as an injected witness struct"); issue #7 item 6.
package struct CommandLineSyntax: Sendable {
  /// Parses one line, as `CommandLineParser.parse` does.
  package var parse: @Sendable ([UInt8]) throws(CommandLineError) -> CommandLineInput

  package init(parse: @escaping @Sendable ([UInt8]) throws(CommandLineError) -> CommandLineInput) {
    self.parse = parse
  }

  /// The model's own parser.
  package static let reference = CommandLineSyntax { line throws(CommandLineError) in
    try CommandLineParser.parse(line)
  }
}
