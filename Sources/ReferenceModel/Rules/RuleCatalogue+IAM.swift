/// The IAM profile's rules: an IAM user changing their own password, and the account password
/// policy it must satisfy (`IAM-…` IDs).
///
/// Spec: aws-cli-iam-change-password.rst; iam-user-change-own-password.md; spec-digest.md §4,
/// §5 (Q19–Q23); sut-contract.md §3.
extension RuleCatalogue {
  /// The rules of the CloudHSM CLI profile (`HSM-…`).
  package static var cloudHSM: [Rule] { all.filter { !$0.id.rawValue.hasPrefix("IAM-") } }

  /// The rules of the IAM profile, sorted by ID.
  package static var iamRules: [Rule] { all.filter { $0.id.rawValue.hasPrefix("IAM-") } }

  /// The rules of a SUT profile, by its name in SUT descriptions (`cloudhsm-cli` or `iam`).
  package static func rules(forProfile profile: String) -> [Rule] {
    profile == "iam" ? iamRules : cloudHSM
  }

  static let iam: [Rule] = iamChangePassword + iamAuthorization + iamPasswordPolicy + iamAdmin

  static let iamChangePassword: [Rule] = [
    Rule(
      .iamRootCannotChange,
      "Only IAM users may call `ChangePassword`; with the account's root credentials it is "
        + "refused with `InvalidUserType`.",
      .cliReference("Description (\"This command can be called by IAM users only\")")),
    Rule(
      .iamChangePasswordSucceeds,
      "With the caller's current password and a new password that satisfies the password "
        + "policy, `ChangePassword` succeeds with an empty `ChangePasswordResponse`, and the new "
        + "password replaces the old one.",
      .digest("4.4 Rules (IAM-CHPW-002, IAM-CHPW-013)")),
    Rule(
      .iamPasswordParameters,
      "`OldPassword` and `NewPassword` are required, each 1 to 128 characters of tab, line "
        + "feed, carriage return and U+0020 to U+00FF; anything else is refused.",
      .digest("4.1 API shape (passwordType)")),
    Rule(
      .iamOldPasswordMustMatch,
      "`OldPassword` must be the caller's current password; otherwise the change is refused.",
      .iamOwnPassword("How IAM Users Change Their Own Password (Console), step 4")),
    Rule(
      .iamWrongOldPasswordCode,
      "A wrong `OldPassword` is refused with `AccessDenied`.",
      .inferred(
        reason: "no document names the error for a wrong old password (spec-digest §5 Q19); "
          + "the console's combined message speaks of authorization, so the model answers "
          + "`AccessDenied` (403)")),
    Rule(
      .iamNoLoginProfile,
      "A user without a login profile (no console password) cannot change it: `NoSuchEntity`.",
      .inferred(
        reason: "ChangePassword lists `NoSuchEntity` (\"referenced a resource entity that does "
          + "not exist\"); the only entity it needs is the login profile (spec-digest "
          + "IAM-CHPW-008)")),
    Rule(
      .iamTemporarilyUnmodifiable,
      "A user whose name was deleted and created again within the last few minutes (a model "
        + "parameter, 300 s) gets `EntityTemporarilyUnmodifiable`.",
      .digest("4.2 Errors of ChangePassword (EntityTemporarilyUnmodifiable)")),
    Rule(
      .iamPasswordChangeLimit,
      "A user who changed their password 5 times within an hour (model parameters) gets "
        + "`LimitExceeded` on the next change.",
      .inferred(
        reason: "ChangePassword lists `LimitExceeded` (\"beyond the current account limits\") "
          + "but no document names the limit; the model bounds changes per user and hour so "
          + "that the outcome can be reached")),
    Rule(
      .iamSamePasswordAllowed,
      "Without `PasswordReusePrevention`, the new password may equal the old one.",
      .inferred(
        reason: "no document says whether NewPassword may equal OldPassword when reuse "
          + "prevention is off (spec-digest §5 Q20); the model allows it")),
    Rule(
      .iamValidationErrorCode,
      "A parameter outside its documented limits (or a missing required one) is refused with "
        + "`ValidationError`.",
      .inferred(
        reason: "the limits come from botocore's service model, which names no error for "
          + "them; `ValidationError` (400) is the Query API convention (spec-digest "
          + "IAM-CHPW-003), and moto answers it for MinimumPasswordLength=200")),
    Rule(
      .iamCheckOrder,
      "When several checks fail, the first in this order decides: caller type, authorization, "
        + "parameters, login profile, temporarily unmodifiable, old password, rate limit, "
        + "password policy.",
      .inferred(
        reason: "the documents list the errors but not their precedence; the model checks who "
          + "calls before what they send, as AWS authorizes a request before acting on it")),
  ]

  static let iamAuthorization: [Rule] = [
    Rule(
      .iamIdentityPolicyGrants,
      "An IAM user may call an action only when one of their policies allows it on the "
        + "resource (for `ChangePassword`, their own user ARN; `${aws:username}` in a resource "
        + "is the caller's name; `*` and `?` are wildcards); otherwise `AccessDenied`.",
      .iamOwnPassword("Permissions Required")),
    Rule(
      .iamAccountSettingGrants,
      "With `AllowUsersToChangePassword` set in the account password policy, every IAM user "
        + "may change their own password (and read the policy) without any policy attached.",
      .digest("4.4 Rules (IAM-CHPW-005)")),
    Rule(
      .iamExplicitDenyWins,
      "A `Deny` statement matching the action and resource refuses the request with "
        + "`AccessDenied`, whatever allows it.",
      .inferred(
        reason: "IAM's policy evaluation logic (an explicit deny overrides any allow) is not "
          + "among the reference documents; the digest leaves deny handling open (IAM-CHPW-005)")),
    Rule(
      .iamPathedUserResource,
      "For a user created with a path, a resource `arn:aws:iam::*:user/${aws:username}` does "
        + "not match their ARN (`user/<path>/<name>`), so that policy does not let them change "
        + "their password.",
      .inferred(
        reason: "an ARN includes the user's path; the documented policy omits it (spec-digest "
          + "§5 Q21)")),
  ]
}

extension Rule.Source {
  static func cliReference(_ section: String) -> Self {
    .documented(document: "aws-cli-iam-change-password.rst", section: section)
  }
  static func iamOwnPassword(_ section: String) -> Self {
    .documented(document: "iam-user-change-own-password.md", section: section)
  }
}
