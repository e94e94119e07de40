import ReferenceModel
import IAMModel
import Testing

/// Authorization of IAM users' requests.
/// Spec: iam-user-change-own-password.md "Permissions Required"; spec-digest.md §4.4
/// IAM-CHPW-004, -005; §5 Q21.
@Suite struct IAMAuthorizationRuleTests {
  typealias F = IAMFixture

  static let cases: [IAMRuleCase] = [
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(policy: nil), F.alice, F.change(),
      .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(), F.alice, F.change(),
      .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001",
      setup: F.user(policy: F.policy(resource: "arn:aws:iam::123456789012:user/alice")),
      F.alice, F.change(), .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(policy: F.policy(resource: "arn:aws:iam::*:user/bob")),
      F.alice, F.change(), .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(policy: F.policy(action: "iam:Get*", resource: "*")),
      F.alice, F.change(), .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(policy: F.policy(action: "IAM:change?assword")),
      F.alice, F.change(), .accepted(decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-001", setup: F.user(), F.alice, F.request(.createUser, ["UserName": "mallory"]),
      .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-002",
      setup: F.user(policy: nil) + [F.passwordPolicy(["AllowUsersToChangePassword": "true"])],
      F.alice, F.change(), .accepted(decidedBy: "IAM-AUTHZ-002")),
    IAMRuleCase(
      "IAM-AUTHZ-002",
      setup: F.user(policy: nil) + [F.passwordPolicy(["AllowUsersToChangePassword": "true"])],
      F.alice, F.request(.getAccountPasswordPolicy), .accepted(decidedBy: "IAM-POL-009")),
    IAMRuleCase(
      "IAM-AUTHZ-002",
      setup: F.user(policy: nil) + [F.passwordPolicy(["AllowUsersToChangePassword": "false"])],
      F.alice, F.change(), .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-001")),
    IAMRuleCase(
      "IAM-AUTHZ-003",
      setup: F.user(policy: F.policy(action: "*", resource: "*"))
        + [F.put("alice", "deny", F.policy("Deny"))],
      F.alice, F.change(), .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-003")),
    IAMRuleCase(
      "IAM-AUTHZ-003",
      setup: F.user(policy: F.policy("Deny", resource: "*"))
        + [F.passwordPolicy(["AllowUsersToChangePassword": "true"])],
      F.alice, F.change(), .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-003")),
    IAMRuleCase(
      "IAM-AUTHZ-004", setup: F.user(path: "/division/"), F.alice, F.change(),
      .rejected(.accessDenied, decidedBy: "IAM-AUTHZ-004")),
    IAMRuleCase(
      "IAM-AUTHZ-004",
      setup: F.user(path: "/division/", policy: F.policy(resource: "arn:aws:iam::*:user/*")),
      F.alice, F.change(), .accepted(decidedBy: "IAM-AUTHZ-001")),
  ]

  @Test(arguments: cases) func rule(_ c: IAMRuleCase) { c.run() }

  @Test(arguments: [
    ("iam:*", "iam:ChangePassword", true), ("*", "iam:ChangePassword", true),
    ("iam:Change*", "iam:ChangePassword", true), ("iam:Change", "iam:ChangePassword", false),
    ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false), ("a?c", "abc", true),
    ("a?c", "ac", false), ("**", "", true), ("A", "a", false),
  ])
  func wildcardsMatchLikeIAM(_ pattern: String, _ text: String, _ expected: Bool) {
    #expect(PolicyPattern.matches(pattern, text, ignoringCase: false) == expected)
  }
}
