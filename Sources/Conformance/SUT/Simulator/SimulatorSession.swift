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
  /// Applies a command: the model's `apply`, or a mutant's (issue #5).
  package var apply: (inout ClusterState, Command, SessionID) -> Outcome = {
    $0.apply($1, in: $2)
  }

  package init(store: ClusterStore, processID: Int32) {
    self.store = store
    self.session = SessionID("pid-\(processID)")
  }

  /// The process id in a session name written by this simulator, if it is one.
  package static func processID(of session: SessionID) -> Int32? {
    guard session.rawValue.hasPrefix("pid-") else { return nil }
    return Int32(session.rawValue.dropFirst(4))
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
          outcome = try store.update { apply(&$0, answered, session) }
        }
        write(outcome.envelope.prettyText + "\n")
      }
    }
  }
}
