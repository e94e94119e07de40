import ReferenceModel
import IAMModel
import Testing

/// The account password policy and the arrangement actions.
/// Spec: spec-digest.md §4.5 (IAM-POL-001 … -007); botocore's service model for the admin
/// actions' errors.
@Suite struct IAMPolicyRuleTests {
  typealias F = IAMFixture

  static func withPolicy(_ parameters: [String: String]) -> [(IAMPrincipal, IAMRequest)] {
    F.user() + [F.passwordPolicy(parameters)]
  }

  static let cases: [IAMRuleCase] = [
    IAMRuleCase(
      "IAM-POL-001", setup: withPolicy(["MinimumPasswordLength": "15"]), F.alice, F.change(),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-001")),
    IAMRuleCase(
      "IAM-POL-001", setup: withPolicy(["MinimumPasswordLength": "13"]), F.alice, F.change(),
      .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-POL-002", setup: withPolicy(["RequireSymbols": "true"]), F.alice,
      F.change(F.oldPassword, "New~Passw0rd;2"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-002")),
    IAMRuleCase(
      "IAM-POL-002", setup: withPolicy(["RequireSymbols": "true"]), F.alice,
      F.change(F.oldPassword, "New'Passw0rd"), .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-POL-003", setup: withPolicy(["RequireNumbers": "true"]), F.alice,
      F.change(F.oldPassword, "New-Password!"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-003")),
    IAMRuleCase(
      "IAM-POL-004", setup: withPolicy(["RequireUppercaseCharacters": "true"]), F.alice,
      F.change(F.oldPassword, "\u{C9}new-passw0rd!"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-004")),
    IAMRuleCase(
      "IAM-POL-005", setup: withPolicy(["RequireLowercaseCharacters": "true"]), F.alice,
      F.change(F.oldPassword, "NEW-PASSW0RD!\u{E9}"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-005")),
    IAMRuleCase(
      "IAM-POL-006",
      setup: withPolicy(["PasswordReusePrevention": "2"]) + [(F.alice, F.change())], F.alice,
      F.change(F.newPassword, F.oldPassword),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-006")),
    IAMRuleCase(
      "IAM-POL-006", setup: withPolicy(["PasswordReusePrevention": "1"]), F.alice,
      F.change(F.oldPassword, F.oldPassword),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-006")),
    IAMRuleCase(
      "IAM-POL-006",
      setup: withPolicy(["PasswordReusePrevention": "1"]) + [(F.alice, F.change())], F.alice,
      F.change(F.newPassword, F.oldPassword), .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-POL-007", setup: F.user(), F.alice, F.change(F.oldPassword, "abcdefg1"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-007")),
    IAMRuleCase(
      "IAM-POL-007", setup: F.user(), F.alice, F.change(F.oldPassword, "Abc-efg"),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-007")),
    IAMRuleCase(
      "IAM-POL-007", setup: F.user(), F.alice, F.change(F.oldPassword, "abcdefG1"),
      .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-POL-008", .root,
      F.request(.updateAccountPasswordPolicy, ["MinimumPasswordLength": "129"]),
      .rejected(.validationError, decidedBy: "IAM-POL-008", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-POL-008", .root,
      F.request(.updateAccountPasswordPolicy, ["PasswordReusePrevention": "25"]),
      .rejected(.validationError, decidedBy: "IAM-POL-008", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-POL-008", .root, F.request(.updateAccountPasswordPolicy, ["MaxPasswordAge": "0"]),
      .rejected(.validationError, decidedBy: "IAM-POL-008", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-POL-008", .root, F.request(.updateAccountPasswordPolicy, ["RequireSymbols": "yes"]),
      .rejected(.validationError, decidedBy: "IAM-POL-008", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-POL-009",
      setup: [
        F.passwordPolicy(["MinimumPasswordLength": "20", "RequireNumbers": "true"]),
        F.passwordPolicy(["RequireSymbols": "true", "MaxPasswordAge": "90"]),
      ], .root, F.request(.getAccountPasswordPolicy), .accepted(decidedBy: "IAM-POL-009"),
      check: { account in
        var expected = IAMPasswordPolicy()
        expected.requireSymbols = true
        expected.maxPasswordAge = 90
        return account.passwordPolicy == expected
          && expected.comparable["ExpirePasswords"] == .bool(true)
      }),
    IAMRuleCase(
      "IAM-POL-010", .root, F.request(.getAccountPasswordPolicy),
      .rejected(.noSuchEntity, decidedBy: "IAM-POL-010")),
    IAMRuleCase(
      "IAM-POL-010", setup: [F.passwordPolicy([:])], .root,
      F.request(.deleteAccountPasswordPolicy), .accepted(decidedBy: "IAM-POL-010"),
      check: { $0.passwordPolicy == nil }),
    IAMRuleCase(
      "IAM-POL-011",
      setup: [
        F.passwordPolicy(["MinimumPasswordLength": "12"]),
        (.root, F.request(.createUser, ["UserName": "bob"])),
      ], .root, F.request(.createLoginProfile, ["UserName": "bob", "Password": "Short-pw1"]),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-011")),
    IAMRuleCase(
      "IAM-POL-011", setup: [(.root, F.request(.createUser, ["UserName": "bob"]))], .root,
      F.request(.createLoginProfile, ["UserName": "bob", "Password": "password"]),
      .rejected(.passwordPolicyViolation, decidedBy: "IAM-POL-011")),
    IAMRuleCase(
      "IAM-POL-012",
      setup: F.user(password: "Abcdefg1", policy: F.policy(resource: "*"))
        + [F.passwordPolicy(["MinimumPasswordLength": "14", "RequireSymbols": "true"])],
      F.alice, F.change("Abcdefg1"), .accepted(decidedBy: "IAM-POL-012")),
  ]

  @Test(arguments: cases) func rule(_ c: IAMRuleCase) { c.run() }

  @Test func theSymbolSetIsExactlyTheDocumentedTwenty() {
    #expect(IAMPasswordPolicy.symbols.count == 20)
    for symbol in "~;/.,\"<>?\\:`" { #expect(!IAMPasswordPolicy.symbols.contains(symbol)) }
  }
}

/// The arrangement actions.
@Suite struct IAMAdminRuleTests {
  typealias F = IAMFixture

  static let cases: [IAMRuleCase] = [
    IAMRuleCase(
      "IAM-ADMIN-001", .root, F.request(.createUser, ["UserName": "alice", "Path": "/a/b/"]),
      .accepted(decidedBy: "IAM-ADMIN-001"), check: { $0.user("ALICE")?.path == "/a/b/" }),
    IAMRuleCase(
      "IAM-ADMIN-001", setup: [(.root, F.request(.createUser, ["UserName": "alice"]))], .root,
      F.request(.createUser, ["UserName": "Alice"]),
      .rejected(.entityAlreadyExists, decidedBy: "IAM-ADMIN-001")),
    IAMRuleCase(
      "IAM-ADMIN-001", .root, F.request(.createUser, ["UserName": "bad name"]),
      .rejected(.validationError, decidedBy: "IAM-ADMIN-001", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-ADMIN-001", .root, F.request(.createUser, ["UserName": "a", "Path": "nope"]),
      .rejected(.validationError, decidedBy: "IAM-ADMIN-001", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-ADMIN-002", setup: F.user(), .root,
      F.request(.createLoginProfile, ["UserName": "alice", "Password": "Other-Passw0rd"]),
      .rejected(.entityAlreadyExists, decidedBy: "IAM-ADMIN-002")),
    IAMRuleCase(
      "IAM-ADMIN-002", .root,
      F.request(.createLoginProfile, ["UserName": "nobody", "Password": "Other-Passw0rd"]),
      .rejected(.noSuchEntity, decidedBy: "IAM-ADMIN-002")),
    IAMRuleCase(
      "IAM-ADMIN-003", setup: F.user(), .root, F.request(.createAccessKey, ["UserName": "alice"]),
      .accepted(decidedBy: "IAM-ADMIN-003"),
      check: { $0.principal(forAccessKey: "AKIAMODEL00000000001") == .user("alice") }),
    IAMRuleCase(
      "IAM-ADMIN-004", setup: F.user(), .root,
      IAMRequest(
        .putUserPolicy, ["UserName": "alice", "PolicyName": "p", "PolicyDocument": "{"]),
      .rejected(.malformedPolicyDocument, decidedBy: "IAM-ADMIN-004")),
    IAMRuleCase(
      "IAM-ADMIN-004", setup: F.user(), .root,
      IAMRequest(
        .putUserPolicy, ["UserName": "alice", "PolicyName": "p", "PolicyDocument": "{}"],
        policyDocument: .object([("Statement", .array([.object([("Effect", .string("Allow"))])]))])),
      .rejected(.malformedPolicyDocument, decidedBy: "IAM-ADMIN-004")),
    IAMRuleCase(
      "IAM-ADMIN-005",
      setup: F.user(policy: F.policy(action: "iam:GetUser")), F.alice, F.request(.getUser),
      .accepted(decidedBy: "IAM-ADMIN-005")),
    IAMRuleCase(
      "IAM-ADMIN-005", .root, F.request(.getUser, ["UserName": "nobody"]),
      .rejected(.noSuchEntity, decidedBy: "IAM-ADMIN-005")),
    IAMRuleCase(
      "IAM-ADMIN-006", setup: F.user(), .root, F.request(.deleteUser, ["UserName": "alice"]),
      .rejected(.deleteConflict, decidedBy: "IAM-ADMIN-006")),
    IAMRuleCase(
      "IAM-ADMIN-006", setup: [(.root, F.request(.createUser, ["UserName": "bob"]))], .root,
      F.request(.deleteUser, ["UserName": "bob"]), .accepted(decidedBy: "IAM-ADMIN-006"),
      check: { $0.user("bob") == nil }),
    IAMRuleCase(
      "IAM-ADMIN-007",
      setup: F.user() + [(.root, F.request(.deleteLoginProfile, ["UserName": "alice"]))],
      .root, F.request(.deleteLoginProfile, ["UserName": "alice"]),
      .rejected(.noSuchEntity, decidedBy: "IAM-ADMIN-007")),
    IAMRuleCase(
      "IAM-ADMIN-007", setup: F.user(), .root,
      F.request(.deleteUserPolicy, ["UserName": "alice", "PolicyName": "self-change"]),
      .accepted(decidedBy: "IAM-ADMIN-007"), check: { $0.user("alice")?.policies.isEmpty == true }),
  ]

  @Test(arguments: cases) func rule(_ c: IAMRuleCase) { c.run() }
}
