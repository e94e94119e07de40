import ReferenceModel
import IAMModel
import Testing

/// One row of the IAM per-rule tables: requests run first (each must be accepted), then the
/// request under test and what it must do.
struct IAMRuleCase: Sendable, CustomTestStringConvertible {
  enum Expectation: Sendable {
    case accepted(decidedBy: RuleID)
    case rejected(IAMErrorCode, decidedBy: RuleID, code: RuleID? = nil)
  }

  let rule: RuleID
  let setup: [(IAMPrincipal, IAMRequest)]
  let caller: IAMPrincipal
  let request: IAMRequest
  let expect: Expectation
  let now: IAMInstant
  let check: (@Sendable (IAMAccount) -> Bool)?
  let sourceLocation: SourceLocation

  init(
    _ rule: RuleID, setup: [(IAMPrincipal, IAMRequest)] = [], _ caller: IAMPrincipal,
    _ request: IAMRequest, _ expect: Expectation, at now: IAMInstant = .origin,
    check: (@Sendable (IAMAccount) -> Bool)? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    self.rule = rule
    self.setup = setup
    self.caller = caller
    self.request = request
    self.expect = expect
    self.now = now
    self.check = check
    self.sourceLocation = sourceLocation
  }

  var testDescription: String { "\(rule): \(request.action.rawValue) \(request.parameters)" }

  func run() {
    var account = IAMAccount()
    for (caller, request) in setup {
      let outcome = account.apply(request, as: caller)
      #expect(
        outcome.isAccepted, "setup \(request.action) refused: \(outcome)",
        sourceLocation: sourceLocation)
    }
    let outcome = account.apply(request, as: caller, at: now)
    switch (expect, outcome.result) {
    case (.accepted(let rule), .accepted):
      #expect(outcome.rule == rule, "decided by \(outcome.rule)", sourceLocation: sourceLocation)
    case (.rejected(let code, let rule, let codeRule), .rejected(let error)):
      #expect(error.code == code, "code \(error.code)", sourceLocation: sourceLocation)
      #expect(outcome.rule == rule, "decided by \(outcome.rule)", sourceLocation: sourceLocation)
      #expect(outcome.codeRule == codeRule, "code rule", sourceLocation: sourceLocation)
    default:
      Issue.record("unexpected outcome \(outcome)", sourceLocation: sourceLocation)
    }
    if let check {
      #expect(check(account), "the check after the step failed", sourceLocation: sourceLocation)
    }
  }
}

/// Requests and setups the tables share.
enum IAMFixture {
  static let oldPassword = "Old-Passw0rd!"
  static let newPassword = "New-Passw0rd!2"

  static func request(_ action: IAMAction, _ parameters: [String: String] = [:]) -> IAMRequest {
    IAMRequest(action, parameters)
  }

  static func policy(
    _ effect: String = "Allow", action: String = "iam:ChangePassword",
    resource: String = "arn:aws:iam::*:user/${aws:username}"
  ) -> JSONValue {
    .object([
      ("Version", .string("2012-10-17")),
      (
        "Statement",
        .array([
          .object([
            ("Effect", .string(effect)), ("Action", .string(action)),
            ("Resource", .string(resource)),
          ])
        ])
      ),
    ])
  }

  static func put(_ user: String, _ name: String, _ document: JSONValue) -> (
    IAMPrincipal, IAMRequest
  ) {
    (
      .root,
      IAMRequest(
        .putUserPolicy, ["UserName": user, "PolicyName": name, "PolicyDocument": "{…}"],
        policyDocument: document)
    )
  }

  /// `name` exists, with a login profile and (unless `policy` is nil) a policy.
  static func user(
    _ name: String = "alice", path: String = "/", password: String = oldPassword,
    policy: JSONValue? = IAMFixture.policy()
  ) -> [(IAMPrincipal, IAMRequest)] {
    var steps: [(IAMPrincipal, IAMRequest)] = [
      (.root, request(.createUser, ["UserName": name, "Path": path])),
      (.root, request(.createLoginProfile, ["UserName": name, "Password": password])),
    ]
    if let policy { steps.append(put(name, "self-change", policy)) }
    return steps
  }

  static func passwordPolicy(_ parameters: [String: String]) -> (IAMPrincipal, IAMRequest) {
    (.root, request(.updateAccountPasswordPolicy, parameters))
  }

  static func change(_ old: String = oldPassword, _ new: String = newPassword) -> IAMRequest {
    request(.changePassword, ["OldPassword": old, "NewPassword": new])
  }

  static let alice = IAMPrincipal.user("alice")
}
