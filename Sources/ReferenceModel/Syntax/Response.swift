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
    var files: [String: FileInput] = [:]
    return execute(
      line: line, answers: answers, in: session, files: &files, keys: .empty,
      verifier: .refusing)
  }

  /// `execute(line:answers:in:)` with files: a token-sign command writes its unsigned file into
  /// `files`, the answers after the password prompts answer its questions (a `{sign …}`
  /// answer signs that file with `keys` and answers with an empty line), and the files a
  /// command reads come from `files`.
  package mutating func execute(
    line: some Collection<UInt8>, answers: [String], in session: SessionID,
    files: inout [String: FileInput], keys: KeyRing, verifier: SignatureVerifier
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
      case .success(let answered):
        let tokenAnswers = Array(answers.dropFirst(command.prompts.count))
        return .outcome(
          run(answered, answers: tokenAnswers, in: session, files: &files, keys: keys,
            verifier: verifier))
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

  /// Both phases of a command, the token-sign questions answered from `answers`.
  private mutating func run(
    _ command: Command, answers: [String], in session: SessionID,
    files: inout [String: FileInput], keys: KeyRing, verifier: SignatureVerifier
  ) -> Outcome {
    switch begin(command, in: session, inputs: CommandInputs(files: files, verifier: verifier)) {
    case .finished(let outcome):
      if let written = outcome.written { files[written.path] = .token(written.file) }
      return outcome
    case .awaiting(let write, let prompts):
      files[write.path] = .token(write.file)
      let given = answers.prefix(prompts.count).map { answer -> String in
        guard let action = TokenAction.answerDirective(answer) else { return answer }
        if case .failure(let error) = action.perform(on: &files, defaultFile: write.path, keys: keys)
        {
          files[write.path] = .unreadable(error.message)
        }
        return ""
      }
      return complete(
        answers: given, in: session, inputs: CommandInputs(files: files, verifier: verifier))
    }
  }
}
