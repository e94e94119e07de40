/// The model with files: runs CLI lines, token-sign questions and harness actions in memory.
///
/// The model's side of a test case: token files the model writes are kept here as values,
/// answer directives and `[harness]` actions change them with the case's keys, and the files a
/// command reads are handed to `ClusterState.begin`/`complete`. Public keys of the case's keys
/// are files at `{workdir}/NAME.pem`.
/// Spec: scenarios/README.md "Token files"; sut-contract.md §2 (questions).
package struct ModelWorkbench: Sendable {
  package var state: ClusterState
  package var files: [String: FileInput] = [:]
  package var keys: KeyRing
  package var verifier: SignatureVerifier

  package init(state: ClusterState, keys: KeyRing = .empty, verifier: SignatureVerifier = .refusing)
  {
    self.state = state
    self.keys = keys
    self.verifier = verifier
    for name in keys.names {
      if let pem = keys.publicKeyPEM(name) { files[KeyRing.publicKeyPath(name)] = .text(pem) }
    }
  }

  private var inputs: CommandInputs { CommandInputs(files: files, verifier: verifier) }

  /// Runs one line in `session`, answering the questions it asks with `answers` in order
  /// (password prompts first, then token-sign questions; a `{sign …}` answer signs the file
  /// the command wrote and answers with an empty line).
  package mutating func execute(_ line: String, answers: [String], in session: SessionID)
    -> Response
  {
    let input: CommandLineInput
    do {
      input = try CommandLineParser.parse(line)
    } catch {
      return .outcome(.rejected(.usage(error), error.rule))
    }
    guard case .command(let command) = input else {
      switch input {
      case .help(let topic): return .help(HelpText.text(for: topic))
      case .quit: return .quit
      default: return .nothing
      }
    }
    let promptCount = command.prompts.count
    let answered: Command
    switch command.answering(answers) {
    case .success(let value): answered = value
    case .failure(let rejection): return .outcome(.rejected(rejection, .passwordConfirmation))
    }
    switch state.begin(answered, in: session, inputs: inputs) {
    case .finished(let outcome):
      if let written = outcome.written { files[written.path] = .token(written.file) }
      return .outcome(outcome)
    case .awaiting(let write, let prompts):
      files[write.path] = .token(write.file)
      var given: [String] = []
      for answer in answers.dropFirst(promptCount).prefix(prompts.count) {
        if let action = TokenAction.answerDirective(answer) {
          if case .failure(let error) = perform(action, defaultFile: write.path) {
            files[write.path] = .unreadable(error.message)
          }
          given.append("")
        } else {
          given.append(answer)
        }
      }
      return .outcome(state.complete(answers: given, in: session, inputs: inputs))
    }
  }

  /// Does a token action on the in-memory files.
  @discardableResult
  package mutating func perform(_ action: TokenAction, defaultFile: String? = nil)
    -> Result<Void, TokenActionError>
  {
    guard let path = action.file ?? defaultFile else {
      return .failure(.init("no token file to sign"))
    }
    guard case .token(let file)? = files[path] else {
      return .failure(.init("\(path) holds no token file"))
    }
    switch action.apply(to: file, keys: keys) {
    case .success(let changed):
      files[path] = .token(changed)
      return .success(())
    case .failure(let error): return .failure(error)
    }
  }
}
