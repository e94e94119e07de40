import Foundation
import ReferenceModel
import Testing

/// One row of a per-rule table: a script of CloudHSM CLI lines, and what its last line must do.
///
/// Setup lines must be accepted unless written with a leading `!` (an expected refusal, such as
/// a failed login). The final line's outcome must match `expect`, and a rejection must leave the
/// cluster unchanged except for the effects it names.
struct RuleCase: Sendable, CustomTestStringConvertible {
  enum Expectation: Sendable {
    case accepted(decidedBy: RuleID)
    case rejected(decidedBy: RuleID)
    case help
    /// The line is `<eof>`: the session ends, with an effect decided by this rule.
    case sessionEnded(effect: RuleID)
  }

  let rule: RuleID
  let section: String
  let setup: [String]
  let line: String
  let expect: Expectation
  let configuration: ModelConfiguration
  let answers: [String]
  /// Key names for token signing (symbolic keys: outcomes equal real RSA's).
  let keys: [String]
  let check: (@Sendable (ClusterState, Outcome?) -> Bool)?
  let sourceLocation: SourceLocation

  /// - Parameters:
  ///   - rule: the rule this case exercises (counted by the coverage test).
  ///   - section: the document section the expectation comes from.
  ///   - setup: `[session] line` steps run first.
  ///   - line: the `[session] line` step under test.
  ///   - check: an extra condition on the state and outcome after the step.
  init(
    _ rule: RuleID, _ section: String, setup: [String] = [], _ line: String,
    _ expect: Expectation, configuration: ModelConfiguration = ModelConfiguration(),
    answers: [String] = [], keys: [String] = [], check: (@Sendable (ClusterState, Outcome?) -> Bool)? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    self.rule = rule
    self.section = section
    self.setup = setup
    self.line = line
    self.expect = expect
    self.configuration = configuration
    self.answers = answers
    self.keys = keys
    self.check = check
    self.sourceLocation = sourceLocation
  }

  var testDescription: String { "\(rule) [\(section)]: \(line)" }

  /// Runs the case, recording a Swift Testing issue for every mismatch.
  ///
  /// A step's answers follow its line after ` << ` separators; a `[harness] …` step is a token
  /// action on the in-memory files.
  func run() {
    var bench = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: .symbolic(keys),
      verifier: .symbolic)
    for step in setup {
      let expectRefusal = step.hasPrefix("!")
      let parts = (expectRefusal ? String(step.dropFirst()) : step).components(separatedBy: " << ")
      let (session, text) = RuleCase.split(parts[0])
      if session == "harness" {
        let action = TokenAction.step(text)
        guard case .success(let value) = action, case .success = bench.perform(value) else {
          Issue.record("harness step '\(step)' failed", sourceLocation: sourceLocation)
          return
        }
        continue
      }
      let response = bench.execute(text, answers: Array(parts.dropFirst()), in: session)
      guard case .outcome(let outcome) = response else {
        Issue.record("setup step '\(step)' gave \(response)", sourceLocation: sourceLocation)
        return
      }
      #expect(
        outcome.isAccepted != expectRefusal, "setup step '\(step)': \(outcome)",
        sourceLocation: sourceLocation)
    }
    var state = bench.state
    let before = state
    let lineParts = line.components(separatedBy: " << ")
    let (session, text) = RuleCase.split(lineParts[0])
    let answers = Array(lineParts.dropFirst()) + self.answers
    if text == "<eof>", case .sessionEnded(let rule) = expect {
      let effects = state.endSession(session)
      #expect(effects.map(\.rule) == [rule], sourceLocation: sourceLocation)
      if let check {
        #expect(check(state, nil), "extra check failed", sourceLocation: sourceLocation)
      }
      #expect(state.checkInvariants().isEmpty, sourceLocation: sourceLocation)
      return
    }
    bench.state = state
    let response = bench.execute(text, answers: answers, in: session)
    state = bench.state
    var outcome: Outcome?
    switch (expect, response) {
    case (.help, .help(let text)):
      #expect(text.contains("Usage:"), sourceLocation: sourceLocation)
    case (.accepted(let rule), .outcome(let result)):
      outcome = result
      #expect(result.isAccepted, "\(result)", sourceLocation: sourceLocation)
      #expect(result.rule == rule, "decided by \(result.rule)", sourceLocation: sourceLocation)
    case (.rejected(let rule), .outcome(let result)):
      outcome = result
      #expect(!result.isAccepted, "\(result)", sourceLocation: sourceLocation)
      #expect(result.rule == rule, "decided by \(result.rule)", sourceLocation: sourceLocation)
      if result.effects.isEmpty {
        // The token counter may move (tokens were issued, then refused); nothing else may.
        #expect(
          state.users == before.users && state.logins == before.logins
            && state.isActivated == before.isActivated && state.quorumValues == before.quorumValues
            && state.issuedTokens == before.issuedTokens,
          "a rejection changed the state", sourceLocation: sourceLocation)
      }
    default:
      Issue.record("expected \(expect), got \(response)", sourceLocation: sourceLocation)
    }
    if let outcome {
      for rule in outcome.rules {
        #expect(
          RuleCatalogue.rule(rule) != nil, "\(rule) is not in the catalogue",
          sourceLocation: sourceLocation)
      }
    }
    if let check {
      #expect(check(state, outcome), "extra check failed", sourceLocation: sourceLocation)
    }
    #expect(state.checkInvariants().isEmpty, sourceLocation: sourceLocation)
  }

  /// Splits `[session] line` into its parts; a line without a session runs in `a`.
  static func split(_ step: String) -> (SessionID, String) {
    guard step.hasPrefix("["), let close = step.firstIndex(of: "]") else { return ("a", step) }
    let session = SessionID(String(step[step.index(after: step.startIndex)..<close]))
    return (session, String(step[step.index(after: close)...].drop { $0 == " " }))
  }
}

/// Shared setups: an active cluster with the admin logged in in session `a`.
enum Setup {
  static let adminPassword = "Admin-pw1"
  static let activated = ["[a] cluster activate --password \(adminPassword)"]
  static let admin =
    activated + ["[a] login --username admin --role admin --password \(adminPassword)"]
  /// Admin in `a`; crypto user `alice` (password `alice-pw1`) and admin `bob` (`bob-pw-12`) exist.
  static let users =
    admin + [
      "[a] user create --username alice --role crypto-user --password alice-pw1",
      "[a] user create --username bob --role admin --password bob-pw-12",
    ]
  /// `users`, with alice logged in in session `c`.
  static let aliceIn =
    users + ["[c] login --username alice --role crypto-user --password alice-pw1"]
  /// `users`, with bob logged in in session `b`.
  static let bobIn = users + ["[b] login --username bob --role admin --password bob-pw-12"]
  /// Five failed logins of alice in session `x`: alice is locked.
  static let aliceLocked =
    users
    + Array(
      repeating: "![x] login --username alice --role crypto-user --password wrong-pw1", count: 5)
}

extension ClusterState {
  /// The `locked` string `user list` shows for `name`.
  func lockedField(_ name: String) -> String? {
    guard case .string(let value)? = users[name]?.listEntry["locked"] else { return nil }
    return value
  }
}
