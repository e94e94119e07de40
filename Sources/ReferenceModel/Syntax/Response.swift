/// What a CloudHSM CLI session prints for one input line.
///
/// A command gets one JSON envelope (`outcome`), a usage error included; help prints text;
/// `quit` ends the session; a blank line prints nothing.
/// Spec: sut-contract.md §2; spec-digest.md §2.0 "Modes".
package enum Response: Hashable, Sendable {
  case outcome(Outcome)
  case help(String)
  case quit
  case nothing
}

extension ClusterState {
  /// Parses one line and applies it in `session`, as an interactive session would.
  package mutating func execute(line: some Collection<UInt8>, in session: SessionID) -> Response {
    let input: CommandLineInput
    do {
      input = try CommandLineParser.parse(line)
    } catch {
      return .outcome(.rejected(.usage(error), error.rule))
    }
    switch input {
    case .command(let command): return .outcome(apply(command, in: session))
    case .help(let topic): return .help(HelpText.text(for: topic))
    case .quit: return .quit
    case .empty: return .nothing
    }
  }

  /// `execute(line:in:)` for a `String` line.
  package mutating func execute(_ line: String, in session: SessionID) -> Response {
    execute(line: Array(line.utf8), in: session)
  }
}
