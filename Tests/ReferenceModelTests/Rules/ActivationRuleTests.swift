// cluster activate and the unactivated admin.
// Spec: cloudhsm-cli-managing-hsm-users.md "Unactivated admin"; spec-digest.md §2.11, §2.6
// (HSM-LIST-002), §5 Q12, Q13.
import ReferenceModel
import Testing

@Suite struct ActivationRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-ACT-001", "users.md Unactivated admin; digest 2.6", "[a] user list",
      .accepted(decidedBy: "HSM-LIST-001"),
      check: { state, _ in
        state.usersInListOrder.map(\.name) == ["admin", "app_user"]
          && state.users["admin"]?.role == .unactivatedAdmin
          && state.users["app_user"]?.role == .applianceUser && !state.isActivated
      }),
    RuleCase(
      "HSM-ACT-002", "digest 2.11", "[a] cluster activate --password Admin-pw1",
      .accepted(decidedBy: "HSM-ACT-003"),
      check: { state, outcome in
        guard case .accepted(let data)? = outcome?.result else { return false }
        return data == .string("Cluster activation successful") && state.isActivated
          && state.users["admin"]?.role == .admin && state.users["admin"]?.password == "Admin-pw1"
      }),
    RuleCase(
      "HSM-ACT-002", "digest 2.11", setup: Setup.activated,
      "[b] login --username admin --role admin --password Admin-pw1",
      .accepted(decidedBy: "HSM-LOGIN-001"),
      check: { _, outcome in
        outcome?.result == .accepted(.object([("username", "admin"), ("role", "admin")]))
      }),
    RuleCase(
      "HSM-ACT-003", "digest 5 Q12", "[z] cluster activate --password 12345678",
      .accepted(decidedBy: "HSM-ACT-003")),
    RuleCase(
      "HSM-ACT-004", "digest 2.11 HSM-ACT-003", setup: Setup.activated,
      "[b] cluster activate --password Other-pw1", .rejected(decidedBy: "HSM-ACT-004")),
    RuleCase(
      "HSM-ACT-004", "digest 2.11 HSM-ACT-003", setup: Setup.admin,
      "[a] cluster activate --password Other-pw1", .rejected(decidedBy: "HSM-ACT-004")),
    RuleCase(
      "HSM-ACT-005", "digest 2.11 HSM-ACT-004 (the unactivated admin is not an admin)",
      setup: ["[a] login --username admin --role admin --password password"],
      "[a] user create --username alice --role crypto-user --password alice-pw1",
      .rejected(decidedBy: "HSM-CREATE-001")),
    RuleCase(
      "HSM-ACT-005", "digest 2.11 HSM-ACT-004",
      "[a] user delete --username app_user --role admin", .rejected(decidedBy: "HSM-DELETE-001")),
    RuleCase(
      "HSM-ACT-005", "digest 2.11 HSM-ACT-004",
      setup: ["[a] login --username admin --role admin --password password"],
      "[a] user change-password --username admin --role admin --password Admin-pw1",
      .rejected(decidedBy: "HSM-ACT-005")),
    RuleCase(
      "HSM-ACT-006", "users.md Unactivated admin ('becomes an admin')",
      setup: ["[a] login --username admin --role admin --password password"],
      "[a] cluster activate --password Admin-pw1", .accepted(decidedBy: "HSM-ACT-002"),
      check: { state, outcome in
        state.loggedInUser("a")?.role == .admin
          && outcome?.effects.contains { $0.rule == "HSM-ACT-006" } == true
      }),
    RuleCase(
      "HSM-ACT-006", "users.md Unactivated admin",
      setup: [
        "[a] login --username admin --role admin --password password",
        "[a] cluster activate --password Admin-pw1",
      ],
      "[a] user create --username alice --role crypto-user --password alice-pw1",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence", setup: Setup.users,
      "[c] user create --username bad-name --role admin --password x",
      .rejected(decidedBy: "HSM-CREATE-001")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence", setup: Setup.admin,
      "[a] user create --username bad-name --role admin --password x",
      .rejected(decidedBy: "HSM-NAME-002")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence", setup: Setup.users,
      "[a] user create --username alice --role admin --password x",
      .rejected(decidedBy: "HSM-PW-001")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence (permission before activation)",
      "[a] user create --username bad-name --role admin --password x",
      .rejected(decidedBy: "HSM-CREATE-001")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence (login before activation)",
      "[a] user change-password --username admin --role admin --password x",
      .rejected(decidedBy: "HSM-CHPW-001")),
    RuleCase(
      "HSM-ORDER-001", "inferred precedence (activation before arguments)",
      setup: ["[a] login --username admin --role admin --password password"],
      "[a] user change-password --username admin --role admin --password x",
      .rejected(decidedBy: "HSM-ACT-005")),
  ]

  @Test(arguments: cases) func activationRules(_ c: RuleCase) { c.run() }
}
