import ArgumentParser
import ReferenceModel

/// `harness parse`: how the model reads CloudHSM CLI command lines.
struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Parse CloudHSM CLI command lines and print their canonical form.",
    discussion: """
      Each LINE is read exactly as an interactive CloudHSM CLI session would read it (quotes, \
      escapes, --opt value and --opt=value). An accepted line is printed in canonical form, \
      which parses back to the same command; `help` lines print the help text. A refused line \
      prints the error with a caret under its position, and the exit code is 2.

      Example:
        harness parse "user create --username alice --role crypto-user --password 'pw 1234'"
      """)

  @Argument(help: "One or more command lines (quote each one for your shell).")
  var lines: [String]

  func run() throws {
    var failed = false
    for line in lines {
      let bytes = Array(line.utf8)
      do {
        let input = try CommandLineParser.parse(bytes)
        switch input {
        case .help(let topic): Output.print(HelpText.text(for: topic))
        default: Output.print(CommandLinePrinter.text(for: input))
        }
      } catch {
        failed = true
        Output.error(error.render(line: bytes))
      }
    }
    if failed { throw HarnessFailure(message: "", exitCode: 2) }
  }
}
