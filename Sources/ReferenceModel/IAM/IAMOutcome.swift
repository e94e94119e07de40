package import ReferenceModel

/// The model's answer to one IAM request, and the rules that decided it.
///
/// `rule` decided success or failure. For a failure whose error *code* rests on a different
/// (usually inferred) rule, `codeRule` names it, so that a SUT that refuses for the right reason
/// with another code is attributed to the code's rule and not to the refusal's.
/// Spec: sut-contract.md §3 (success is HTTP 200, failure an `ErrorResponse` whose `Code` is
/// compared), §2 "Every rule has a strength".
package struct IAMOutcome: Hashable, Sendable {
  package enum Result: Hashable, Sendable {
    case accepted(IAMResult)
    case rejected(IAMError)
  }

  package var result: Result
  package var rule: RuleID
  package var codeRule: RuleID?
  /// The rule that authorized the request, when one did (a SUT that answers `AccessDenied`
  /// where the model went past authorization differs on this rule, whatever came after).
  package var grant: RuleID?

  package init(_ result: Result, rule: RuleID, codeRule: RuleID? = nil) {
    self.result = result
    self.rule = rule
    self.codeRule = codeRule
  }

  package static func accepted(_ result: IAMResult, _ rule: RuleID) -> Self {
    IAMOutcome(.accepted(result), rule: rule)
  }

  package static func rejected(
    _ code: IAMErrorCode, _ message: String, _ rule: RuleID, codeRule: RuleID? = nil
  ) -> Self {
    IAMOutcome(.rejected(IAMError(code, message)), rule: rule, codeRule: codeRule)
  }

  package var isAccepted: Bool {
    if case .accepted = result { return true }
    return false
  }

  /// The rule behind the error code: `codeRule`, or `rule` when there is none.
  package var ruleForCode: RuleID { codeRule ?? rule }

  /// Every rule this outcome names.
  package var rules: [RuleID] {
    [rule] + (codeRule.map { [$0] } ?? []) + (grant.map { [$0] } ?? [])
  }
}

/// What a successful request returns, as far as the harness compares it.
///
/// Spec: spec-digest.md §4.1 (ChangePassword has no output shape), §4.5 (GetAccountPasswordPolicy).
package enum IAMResult: Hashable, Sendable {
  /// Only `ResponseMetadata` (ChangePassword, the Delete… and Put… actions).
  case empty
  /// A `User` element (CreateUser, GetUser).
  case user(name: String, path: String, arn: String)
  /// An `AccessKey` element (CreateAccessKey); the secret is the simulator's, not the model's.
  case accessKey(id: String, userName: String)
  /// A `LoginProfile` element (CreateLoginProfile).
  case loginProfile(userName: String)
  /// A `PasswordPolicy` element (GetAccountPasswordPolicy).
  case passwordPolicy(IAMPasswordPolicy)

  /// The fields the harness compares, as a JSON object, or `nil` for an empty result.
  ///
  /// Generated values (user IDs, access key IDs, dates) and ARNs (which hold the account ID) are
  /// left out; user names are the scenario's.
  package var comparable: JSONValue? {
    switch self {
    case .empty: nil
    case .user(let name, let path, _):
      .object([("UserName", .string(name)), ("Path", .string(path))])
    case .accessKey(_, let userName):
      .object([("UserName", .string(userName)), ("Status", .string("Active"))])
    case .loginProfile(let userName): .object([("UserName", .string(userName))])
    case .passwordPolicy(let policy): policy.comparable
    }
  }
}

/// An IAM error code as it appears on the wire; an open set, like `Errno`.
///
/// Spec: spec-digest.md §4.2 (ChangePassword's errors); house-style.md §4 (open error codes).
package struct IAMErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  package var rawValue: String
  package init(rawValue: String) { self.rawValue = rawValue }
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package var description: String { rawValue }

  package static let accessDenied = IAMErrorCode("AccessDenied")
  package static let deleteConflict = IAMErrorCode("DeleteConflict")
  package static let entityAlreadyExists = IAMErrorCode("EntityAlreadyExists")
  package static let entityTemporarilyUnmodifiable = IAMErrorCode("EntityTemporarilyUnmodifiable")
  package static let invalidUserType = IAMErrorCode("InvalidUserType")
  package static let limitExceeded = IAMErrorCode("LimitExceeded")
  package static let malformedPolicyDocument = IAMErrorCode("MalformedPolicyDocument")
  package static let noSuchEntity = IAMErrorCode("NoSuchEntity")
  package static let passwordPolicyViolation = IAMErrorCode("PasswordPolicyViolation")
  package static let validationError = IAMErrorCode("ValidationError")

  /// The HTTP status IAM answers with this code (botocore's service model; 400 when unknown).
  package var httpStatus: Int {
    switch rawValue {
    case "AccessDenied": 403
    case "NoSuchEntity": 404
    case "DeleteConflict", "EntityAlreadyExists", "EntityTemporarilyUnmodifiable",
      "LimitExceeded":
      409
    case "ServiceFailure": 500
    default: 400
    }
  }
}

/// A refusal: the code and a message (messages are never compared; AWS does not publish them).
///
/// Spec: spec-digest.md §4.2 ("the real service message strings are not published").
package struct IAMError: Hashable, Sendable {
  package var code: IAMErrorCode
  package var message: String
  package init(_ code: IAMErrorCode, _ message: String) {
    self.code = code
    self.message = message
  }
}
