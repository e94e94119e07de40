package import ReferenceModel

/// What a SUT printed for one step.
///
/// Spec: sut-contract.md §2 (one JSON envelope per command; text outside JSON is ignored).
package enum Observation: Hashable, Sendable {
  /// The JSON envelope answering a command.
  case answer(JSONValue)
  /// A help line: the text printed, and any JSON objects printed for it (there should be none).
  case help(text: String, json: [JSONValue])
  /// The session's input was closed and the session ended.
  case ended
  /// A `[harness]` token action on the SUT's files was done, or could not be (the reason).
  case done(String?)
}

/// A system under test: the model itself, CLI session processes, or (later) an HTTP endpoint.
///
/// Spec: house-style.md §1 (ModelSUT, SubprocessSUT, HTTPSUT); sut-contract.md.
package protocol SystemUnderTest: Sendable {
  var summary: RunReport.SUTSummary { get }
  /// Opens a fresh, unactivated cluster for one test case.
  /// `keys` are the case's signing keys (`# keys:`); their public PEM files belong in the
  /// case's `{workdir}`.
  func startCase(_ scenario: Scenario, keys: KeyRing) throws(AdapterError) -> any CaseConnection
}

/// One test case's connection to a SUT: its sessions on one fresh cluster.
package protocol CaseConnection: AnyObject {
  /// Sends one step to its session and returns what the session printed.
  func send(_ step: Scenario.Step) throws(AdapterError) -> Observation
  /// `user list` from a session that is not logged in, for the state level.
  func userList() throws(AdapterError) -> JSONValue
  /// After the last step: ends the sessions and checks that their output held nothing more
  /// (an answer left over means the SUT's answers and the commands were out of step).
  func finish() throws(AdapterError)
  /// Ends every session and cleans up; returns what the sessions wrote to standard error.
  func close() -> String
}

extension CaseConnection {
  package func finish() throws(AdapterError) {}
}
