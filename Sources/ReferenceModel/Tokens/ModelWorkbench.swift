/// The model with files: runs CLI lines, token-sign questions and harness actions in memory.
///
/// The model's side of a test case: token files the model writes are kept here as values,
/// answer directives and `[harness]` actions change them with the case's keys, and the files a
/// command reads are handed to `ClusterState.begin`/`complete` (see
/// `ClusterState.execute(line:answers:in:files:keys:verifier:)`). Public keys of the case's
/// keys are files at `{workdir}/NAME.pem`.
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

  /// Runs one line in `session`, answering the questions it asks with `answers` in order
  /// (password prompts first, then token-sign questions; a `{sign …}` answer signs the file
  /// the command wrote and answers with an empty line).
  package mutating func execute(_ line: String, answers: [String], in session: SessionID)
    -> Response
  {
    state.execute(
      line: Array(line.utf8), answers: answers, in: session, files: &files, keys: keys,
      verifier: verifier)
  }

  /// Does a token action on the in-memory files.
  @discardableResult
  package mutating func perform(_ action: TokenAction) -> Result<Void, TokenActionError> {
    action.perform(on: &files, keys: keys)
  }
}
