/// The IAM profile's password-policy rules (`IAM-POL-…`) and the arrangement actions'
/// rules (`IAM-ADMIN-…`).
///
/// Spec: spec-digest.md §4.5 (the policy's fields, ranges and semantics); sut-contract.md §3.
extension RuleCatalogue {
  static let iamPasswordPolicy: [Rule] = [
    Rule(
      .iamMinimumLength,
      "A new password shorter than `MinimumPasswordLength` is refused with "
        + "`PasswordPolicyViolation`.",
      .digest("4.5 Password policy (MinimumPasswordLength)")),
    Rule(
      .iamRequireSymbols,
      "With `RequireSymbols`, a new password needs one of exactly these 20 symbols: "
        + "`! @ # $ % ^ & * ( ) _ + - = [ ] { } | '`; others (such as `~` or `;`) do not count.",
      .digest("4.5 Password policy (IAM-POL-001)")),
    Rule(
      .iamRequireNumbers,
      "With `RequireNumbers`, a new password needs a digit 0–9.",
      .digest("4.5 Password policy (RequireNumbers)")),
    Rule(
      .iamRequireUppercase,
      "With `RequireUppercaseCharacters`, a new password needs a letter A–Z (ISO basic Latin).",
      .digest("4.5 Password policy (RequireUppercaseCharacters)")),
    Rule(
      .iamRequireLowercase,
      "With `RequireLowercaseCharacters`, a new password needs a letter a–z.",
      .digest("4.5 Password policy (RequireLowercaseCharacters)")),
    Rule(
      .iamReusePrevention,
      "With `PasswordReusePrevention` n, a new password may not be any of the user's last n "
        + "passwords (the current one included).",
      .digest("4.4 Rules (IAM-CHPW-010)")),
    Rule(
      .iamDefaultPolicy,
      "With no account password policy, IAM's default rules apply: at least 8 characters and "
        + "three of uppercase, lowercase, numbers and symbols.",
      .digest("4.5 Password policy (IAM-POL-006)")),
    Rule(
      .iamPolicyRanges,
      "`UpdateAccountPasswordPolicy` refuses `MinimumPasswordLength` outside 6–128, "
        + "`PasswordReusePrevention` outside 1–24, `MaxPasswordAge` outside 1–1095 and booleans "
        + "other than true or false.",
      .digest("4.5 Password policy (ranges)")),
    Rule(
      .iamPolicyNoPartialUpdate,
      "`UpdateAccountPasswordPolicy` replaces the whole policy: omitted fields take their "
        + "defaults (length 6, no requirements), as `GetAccountPasswordPolicy` then shows, with "
        + "`ExpirePasswords` true only when `MaxPasswordAge` is set.",
      .digest("4.5 Password policy (IAM-POL-002)")),
    Rule(
      .iamNoPolicy,
      "`DeleteAccountPasswordPolicy` removes the policy; with none set, `Get…` and `Delete…` "
        + "answer `NoSuchEntity`.",
      .documented(
        document: "moto-iam-notes.md",
        section: "6 Rule × real AWS × moto (row 20, from botocore's service model)")),
    Rule(
      .iamLoginProfilePolicy,
      "`CreateLoginProfile` refuses a password that breaks the password policy (or the default "
        + "rules) with `PasswordPolicyViolation`.",
      .digest("4.4 Rules (IAM-CHPW-006)")),
    Rule(
      .iamPolicyNotRetroactive,
      "A stricter policy does not invalidate current passwords: a user whose password breaks it "
        + "can still use it as `OldPassword`.",
      .digest("4.5 Password policy (IAM-POL-003)")),
  ]

  static let iamAdmin: [Rule] = [
    Rule(
      .iamCreateUser,
      "`CreateUser` creates a user (name of 1–64 letters, digits and `_+=,.@-`; path `/` or "
        + "`/…/`); a name that exists in any letter case is refused with `EntityAlreadyExists`.",
      .admin),
    Rule(
      .iamLoginProfile,
      "`CreateLoginProfile` gives an existing user a console password, once "
        + "(`EntityAlreadyExists` after); an unknown user is `NoSuchEntity`.",
      .admin),
    Rule(
      .iamAccessKey,
      "`CreateAccessKey` gives a user (by default the caller) a new active access key.",
      .admin),
    Rule(
      .iamPutUserPolicy,
      "`PutUserPolicy` attaches or replaces a user's inline policy; a document outside the "
        + "model's subset of the policy language is `MalformedPolicyDocument`.",
      .admin),
    Rule(
      .iamGetUser,
      "`GetUser` answers the named user, or the caller when no name is given; an unknown name "
        + "is `NoSuchEntity`.",
      .admin),
    Rule(
      .iamDeleteUser,
      "`DeleteUser` deletes a user that has no login profile, access key or policy left "
        + "(`DeleteConflict` otherwise).",
      .admin),
    Rule(
      .iamDeleteAttachments,
      "`DeleteLoginProfile`, `DeleteAccessKey` and `DeleteUserPolicy` remove what they name; "
        + "something that does not exist is `NoSuchEntity`.",
      .admin),
  ]
}

extension Rule.Source {
  /// The arrangement actions: outside the reference documents' subject.
  static let admin = Rule.Source.inferred(
    reason: "the reference documents do not cover the actions that arrange a test case; the "
      + "model follows their shapes and errors in botocore's IAM service model (spec-digest §1 "
      + "BOTO), keeping only what the scenarios need")
}
