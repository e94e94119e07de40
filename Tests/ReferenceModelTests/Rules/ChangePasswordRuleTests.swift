// user change-password.
// Spec: cloudhsm-cli-change-password.md; cloudhsm-cli-managing-hsm-users.md "HSM user
// permissions table"; spec-digest.md §2.7, §5 Q2, Q3.
import ReferenceModel
import Testing

@Suite struct ChangePasswordRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-CHPW-001", "digest 2.7 HSM-CHPW-001", setup: Setup.users,
      "[q] user change-password --username alice --role crypto-user --password alice-pw2",
      .rejected(decidedBy: "HSM-CHPW-001")),
    RuleCase(
      "HSM-CHPW-002", "change-password.md 'To change your own password'", setup: Setup.aliceIn,
      "[c] user change-password --username Alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-CHPW-002"),
      check: { state, outcome in
        outcome?.result == .accepted(.object([("username", "alice"), ("role", "crypto-user")]))
          && state.users["alice"]?.password == "alice-pw2"
      }),
    RuleCase(
      "HSM-CHPW-002", "change-password.md (admin's own)", setup: Setup.bobIn,
      "[b] user change-password --username bob --role admin --password bob-pw-13",
      .accepted(decidedBy: "HSM-CHPW-002")),
    RuleCase(
      "HSM-CHPW-003", "users.md permissions table (CU: No)", setup: Setup.aliceIn,
      "[c] user change-password --username bob --role admin --password bob-pw-13",
      .rejected(decidedBy: "HSM-CHPW-003")),
    RuleCase(
      "HSM-CHPW-004", "users.md permissions table (Admin: Yes)", setup: Setup.users,
      "[a] user change-password --username BOB --role admin --password bob-pw-13",
      .accepted(decidedBy: "HSM-CHPW-004"),
      check: { state, _ in state.users["bob"]?.password == "bob-pw-13" }),
    RuleCase(
      "HSM-CHPW-005", "change-password.md ('currently logged in')", setup: Setup.aliceIn,
      "[a] user change-password --username alice --role crypto-user --password alice-pw2",
      .rejected(decidedBy: "HSM-CHPW-005")),
    RuleCase(
      "HSM-CHPW-005", "digest 5 Q2 (own password while logged in elsewhere)",
      setup: Setup.aliceIn + ["[d] login --username alice --role crypto-user --password alice-pw1"],
      "[c] user change-password --username alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-CHPW-002")),
    RuleCase(
      "HSM-CHPW-006", "digest 5 Q3", setup: Setup.users,
      "[a] user change-password --username alice --role admin --password alice-pw2",
      .rejected(decidedBy: "HSM-CHPW-006")),
    RuleCase(
      "HSM-CHPW-006", "digest 5 Q3", setup: Setup.users,
      "[a] user change-password --username zoe --role admin --password zoe-pw-12",
      .rejected(decidedBy: "HSM-CHPW-006")),
    RuleCase(
      "HSM-CHPW-007", "inferred (new password logs in)",
      setup: Setup.users + [
        "[a] user change-password --username alice --role crypto-user --password alice-pw2"
      ],
      "[b] login --username alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-LOGIN-001")),
    RuleCase(
      "HSM-CHPW-007", "inferred (old password no longer does)",
      setup: Setup.users + [
        "[a] user change-password --username alice --role crypto-user --password alice-pw2"
      ],
      "[b] login --username alice --role crypto-user --password alice-pw1",
      .rejected(decidedBy: "HSM-LOGIN-004")),
    RuleCase(
      "HSM-CHPW-007", "inferred (session stays logged in)",
      setup: Setup.aliceIn + [
        "[c] user change-password --username alice --role crypto-user --password alice-pw2"
      ],
      "[c] logout", .accepted(decidedBy: "HSM-LOGOUT-001")),
    RuleCase(
      "HSM-CHPW-008", "digest 2.7 HSM-CHPW-010", setup: Setup.users,
      "[a] user change-password --username app_user --role admin --password app-pw-123",
      .rejected(decidedBy: "HSM-CHPW-008")),
  ]

  @Test(arguments: cases) func changePasswordRules(_ c: RuleCase) { c.run() }
}
