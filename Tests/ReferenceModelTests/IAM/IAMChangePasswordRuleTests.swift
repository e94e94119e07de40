import ReferenceModel
import IAMModel
import Testing

/// ChangePassword, rule by rule.
/// Spec: aws-cli-iam-change-password.rst; iam-user-change-own-password.md; spec-digest.md §4.1,
/// §4.2, §4.4, §5 Q19–Q21.
@Suite struct IAMChangePasswordRuleTests {
  typealias F = IAMFixture
  static let long = String(repeating: "Aa1!", count: 32) + "x"

  static let cases: [IAMRuleCase] = [
    IAMRuleCase(
      "IAM-CHPW-001", .root, F.change(), .rejected(.invalidUserType, decidedBy: "IAM-CHPW-001")),
    IAMRuleCase(
      "IAM-CHPW-002", setup: F.user(), F.alice, F.change(),
      .accepted(decidedBy: "IAM-AUTHZ-001"),
      check: { $0.user("alice")?.passwords.first == F.newPassword }),
    IAMRuleCase(
      "IAM-CHPW-002",
      setup: F.user(policy: F.policy(resource: "*")), F.alice, F.change(),
      .accepted(decidedBy: "IAM-CHPW-002")),
    IAMRuleCase(
      "IAM-CHPW-003", setup: F.user(), F.alice, F.change(F.oldPassword, long),
      .rejected(.validationError, decidedBy: "IAM-CHPW-003", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-CHPW-003", setup: F.user(), F.alice, F.change(F.oldPassword, ""),
      .rejected(.validationError, decidedBy: "IAM-CHPW-003", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-CHPW-003", setup: F.user(), F.alice, F.change(F.oldPassword, "Pass\u{100}word-1A"),
      .rejected(.validationError, decidedBy: "IAM-CHPW-003", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-CHPW-003", setup: F.user(), F.alice, F.request(.changePassword, ["OldPassword": "x"]),
      .rejected(.validationError, decidedBy: "IAM-CHPW-003", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-CHPW-003", setup: F.user(), F.alice,
      F.change(F.oldPassword, "Caf\u{E9}-Passw0rd!" + String(repeating: "\u{FF}", count: 100)),
      .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-CHPW-004", setup: F.user(), F.alice, F.change("Wrong-Passw0rd!"),
      .rejected(.accessDenied, decidedBy: "IAM-CHPW-004", code: "IAM-CHPW-005")),
    IAMRuleCase(
      "IAM-CHPW-005", setup: F.user(), F.alice, F.change("old-passw0rd!"),
      .rejected(.accessDenied, decidedBy: "IAM-CHPW-004", code: "IAM-CHPW-005")),
    IAMRuleCase(
      "IAM-CHPW-006",
      setup: [
        (.root, F.request(.createUser, ["UserName": "alice"])), F.put("alice", "p", F.policy()),
      ], F.alice, F.change(), .rejected(.noSuchEntity, decidedBy: "IAM-CHPW-006")),
    IAMRuleCase(
      "IAM-CHPW-007", setup: recreated, .user("carol"), F.change(),
      .rejected(.entityTemporarilyUnmodifiable, decidedBy: "IAM-CHPW-007")),
    IAMRuleCase(
      "IAM-CHPW-007", setup: recreated, .user("carol"), F.change(),
      .accepted(decidedBy: "IAM-AUTHZ-001"), at: IAMInstant(seconds: 300)),
    IAMRuleCase(
      "IAM-CHPW-008", setup: F.user() + fiveChanges, F.alice,
      F.change("Passw0rd-5!", "Fresh-Passw0rd!"),
      .rejected(.limitExceeded, decidedBy: "IAM-CHPW-008")),
    IAMRuleCase(
      "IAM-CHPW-008", setup: F.user() + fiveChanges, F.alice,
      F.change("Passw0rd-5!", "Fresh-Passw0rd!"), .accepted(decidedBy: "IAM-AUTHZ-001"),
      at: IAMInstant(seconds: 3600)),
    IAMRuleCase(
      "IAM-CHPW-009", setup: F.user(policy: F.policy(resource: "*")), F.alice,
      F.change(F.oldPassword, F.oldPassword), .accepted(decidedBy: "IAM-CHPW-009")),
    IAMRuleCase(
      "IAM-PARAM-001", .root,
      F.request(.updateAccountPasswordPolicy, ["MinimumPasswordLength": "5"]),
      .rejected(.validationError, decidedBy: "IAM-POL-008", code: "IAM-PARAM-001")),
    IAMRuleCase(
      "IAM-ORDER-001", setup: F.user(policy: nil), F.alice, F.change("Wrong-1!", ""),
      .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-ORDER-001", setup: F.user(), F.alice, F.change("Wrong-1!", "short"),
      .rejected(.accessDenied, decidedBy: "IAM-CHPW-004", code: "IAM-CHPW-005")),
  ]

  /// carol is created, deleted and created again, with a login profile and the policy.
  static let recreated: [(IAMPrincipal, IAMRequest)] =
    [
      (.root, F.request(.createUser, ["UserName": "carol"])),
      (.root, F.request(.deleteUser, ["UserName": "carol"])),
    ] + F.user("carol")

  /// alice changes her password five times within the hour.
  static let fiveChanges: [(IAMPrincipal, IAMRequest)] = (1...5).map { index in
    (F.alice, F.change(index == 1 ? F.oldPassword : "Passw0rd-\(index - 1)!", "Passw0rd-\(index)!"))
  }

  @Test(arguments: cases) func rule(_ c: IAMRuleCase) { c.run() }

  @Test func passwordLengthCountsCharactersNotBytes() {
    var account = IAMAccount()
    for (caller, request) in F.user() { _ = account.apply(request, as: caller) }
    let latin1 = String(repeating: "\u{E9}", count: 124) + "Aa1!"
    #expect(latin1.utf8.count > 128)
    #expect(account.apply(F.change(F.oldPassword, latin1), as: F.alice).isAccepted)
  }
}
