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
  package mutating func execute(
    line: some Collection<UInt8>, answers: [String] = [], in session: SessionID
  ) -> Response {
    let input: CommandLineInput
    do {
      input = try CommandLineParser.parse(line)
    } catch {
      return .outcome(.rejected(.usage(error), error.rule))
    }
    switch input {
    case .command(let command):
      switch command.answering(answers) {
      case .success(let answered): return .outcome(apply(answered, in: session))
      case .failure(let rejection): return .outcome(.rejected(rejection, .passwordConfirmation))
      }
    case .help(let topic): return .help(HelpText.text(for: topic))
    case .quit: return .quit
    case .empty: return .nothing
    }
  }

  /// `execute(line:in:)` for a `String` line.
  package mutating func execute(_ line: String, answers: [String] = [], in session: SessionID)
    -> Response
  {
    execute(line: Array(line.utf8), answers: answers, in: session)
  }
}
