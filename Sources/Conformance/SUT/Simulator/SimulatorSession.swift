import Glibc
package import ReferenceModel

/// One interactive CloudHSM CLI session of the bundled simulator, backed by the model.
///
/// Prints the prompt `aws-cloudhsm > `, reads one line, and answers with the pretty-printed
/// JSON envelope as the CloudHSM CLI prints it; asks `Enter password:` (and `Confirm
/// password:`) when a password option is missing; prints help text for `help` and `--help`;
/// ends on `quit` or end of input, logging its user out. Input and output are injected, so
/// that the harness owns the process's streams.
/// Spec: sut-contract.md §2; spec-digest.md §2.0 "Modes", "Output envelope".
package struct SimulatorSession {
  package static let prompt = "aws-cloudhsm > "
  package let store: ClusterStore
  package let session: SessionID
  /// Checks token signatures (injected: the harness passes swift-crypto's RSA check).
  package var verifier: SignatureVerifier = .refusing

  package init(store: ClusterStore, processID: Int32) {
    self.store = store
    self.session = SessionID("pid-\(processID)")
  }

  /// The process id in a session name written by this simulator, if it is one.
  package static func processID(of session: SessionID) -> Int32? {
    guard session.rawValue.hasPrefix("pid-") else { return nil }
    return Int32(session.rawValue.dropFirst(4))
  }

  /// Applies a command in two phases when it is a token-sign command: phase 1 under the
  /// store's lock, then the file written and the questions asked with no lock held, then
  /// phase 2 under the lock. `nil` when input ends during the questions.
  private func runTokenSteps(
    _ command: Command, readLine: () -> [UInt8]?, write: (String) -> Void
  ) throws(ClusterStoreError) -> Outcome? {
    let inputs = CommandInputs(files: TokenFiles.inputs(of: command), verifier: verifier)
    let step = try store.update { $0.begin(command, in: session, inputs: inputs) }
    switch step {
    case .finished(let outcome):
      if let written = outcome.written, let problem = TokenFiles.store(written.file, at: written.path)
      {
        return .rejected(.tokenRejected("could not write the token file: \(problem)"), outcome.rule)
      }
      return outcome
    case .awaiting(let request, let prompts):
      if let problem = TokenFiles.store(request.file, at: request.path) {
        _ = try store.update { $0.complete(answers: [], in: session, inputs: .none) }
        return .rejected(.tokenRejected("could not write the token file: \(problem)"), "HSM-TOKEN-001")
      }
      var answers: [String] = []
      for prompt in prompts {
        write(prompt.rawValue)
        guard let answer = readLine() else { return nil }
        write("\n")
        answers.append(String(decoding: answer, as: UTF8.self))
      }
      let signed = ClusterState.signedPath(answers, default: request.path)
      var files = [signed: TokenFiles.loadToken(signed)]
      if answers.count > 1 { files[answers[1]] = TokenFiles.loadText(answers[1]) }
      let phase2 = CommandInputs(files: files, verifier: verifier)
      return try store.update { $0.complete(answers: answers, in: session, inputs: phase2) }
    }
  }

  /// Runs until `quit` or end of input. `readLine` returns one line without its newline, or
  /// `nil` at end of input; `write` prints text as given.
  package func run(readLine: () -> [UInt8]?, write: (String) -> Void) throws(ClusterStoreError) {
    defer { _ = try? store.update { $0.endSession(session) } }
    while true {
      write(Self.prompt)
      guard let line = readLine() else { return write("\n") }
      let input: CommandLineInput
      do {
        input = try CommandLineParser.parse(line)
      } catch {
        write(Outcome.rejected(.usage(error), error.rule).envelope.prettyText + "\n")
        continue
      }
      switch input {
      case .empty: continue
      case .quit: return
      case .help(let topic): write(HelpText.text(for: topic) + "\n")
      case .command(let command):
        var answers: [String] = []
        for prompt in command.prompts {
          write(prompt.rawValue)
          guard let answer = readLine() else { return write("\n") }
          write("\n")
          answers.append(String(decoding: answer, as: UTF8.self))
        }
        let outcome: Outcome
        switch command.answering(answers) {
        case .failure(let rejection): outcome = .rejected(rejection, "HSM-PW-006")
        case .success(let answered):
          guard let result = try runTokenSteps(answered, readLine: readLine, write: write) else {
            return write("\n")
          }
          outcome = result
        }
        write(outcome.envelope.prettyText + "\n")
      }
    }
  }
}
