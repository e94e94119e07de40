package import ReferenceModel

/// One scenario file: one behaviour, as CloudHSM CLI lines run in named sessions.
///
/// The header says what it is about (`id`, `description`, `rules`, `spec`, `requires`); each
/// step names its session and carries the expectation pinned from the model by
/// `harness scenarios --update`. `scenarios/README.md` is the format's contract.
/// Spec: issue #4 "Scenario scripts"; house-style.md §7 (after test262).
package struct Scenario: Hashable, Sendable {
  /// The expected answer to one step, as pinned in the file.
  package enum Expectation: Hashable, Sendable {
    /// `=> ok RULE DATA`: success with this `data`, decided by this rule.
    case ok(rule: RuleID, data: JSONValue)
    /// `=> error RULE`: failure, decided by this rule.
    case error(rule: RuleID)
    /// `=> help`: help text, and no JSON answer.
    case help
    /// `=> ended`: the session's input was closed (`<eof>`).
    case ended
    /// `=> done`: a `[harness]` token action was done.
    case done
  }

  /// One line sent to one session, with the answers to its questions.
  package struct Step: Hashable, Sendable {
    package var session: SessionID
    /// The command line exactly as written after `[session] `, or `<eof>`.
    package var line: String
    /// Answers to the questions the command asks (`< answer` lines), in order.
    package var answers: [String]
    package var expectation: Expectation?
    /// Comment lines (`# …`) written just before the step, kept on rewrite.
    package var comments: [String]
    /// 1-based line number of the step in its file.
    package var lineNumber: Int

    package init(
      session: SessionID, line: String, answers: [String] = [], expectation: Expectation? = nil,
      comments: [String] = [], lineNumber: Int = 0
    ) {
      self.session = session
      self.line = line
      self.answers = answers
      self.expectation = expectation
      self.comments = comments
      self.lineNumber = lineNumber
    }

    /// Whether this step closes its session's input.
    package var isEndOfInput: Bool { line == Scenario.endOfInput }

    /// The token action of a `[harness]` step; nil for a session's step.
    package var action: TokenAction? {
      session == Scenario.harnessSession ? try? TokenAction.step(line).get() : nil
    }
  }

  /// The reserved session name of token actions the harness does itself.
  package static let harnessSession = SessionID("harness")

  /// The step text that closes a session's standard input.
  package static let endOfInput = "<eof>"

  package var id: String
  /// Path relative to the scenarios folder, e.g. `user-create/admin-creates-user.scenario`.
  package var path: String
  package var description: String
  package var rules: [RuleID]
  package var spec: String
  package var requires: [String]
  /// Signing keys the harness makes fresh for each test case (`# keys:`); their public keys
  /// are at `{workdir}/NAME.pem`.
  package var keys: [String]
  /// Whether the file names its profile (`# profile: cloudhsm-cli`, optional), so that the
  /// canonical text keeps the line.
  package var namesProfile = false
  package var steps: [Step]

  package init(
    id: String, path: String, description: String, rules: [RuleID], spec: String,
    requires: [String] = [], keys: [String] = [], steps: [Step]
  ) {
    self.id = id
    self.path = path
    self.description = description
    self.rules = rules
    self.spec = spec
    self.requires = requires
    self.keys = keys
    self.steps = steps
  }

  /// The session names in order of first use.
  package var sessions: [SessionID] {
    var seen: [SessionID] = []
    for step in steps where !seen.contains(step.session) && step.session != Scenario.harnessSession {
      seen.append(step.session)
    }
    return seen
  }
}
