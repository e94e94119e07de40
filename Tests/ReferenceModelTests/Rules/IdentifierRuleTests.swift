// Usernames and passwords.
// Spec: spec-digest.md §2.0 "Identifier rules" and "Password rules"; cloudhsm-cli-user-change-mfa.md
// "Arguments <USERNAME>"; §5 Q1, Q4.
import ReferenceModel
import Testing

@Suite struct IdentifierRuleTests {
  static let name31 = String(repeating: "u", count: 31)
  static let name32 = String(repeating: "u", count: 32)
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-NAME-001", "digest 2.0 HSM-NAME-001", setup: Setup.admin,
      "[a] user create --username \(name31) --role crypto-user --password pass-word1",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-NAME-001", "digest 2.0 HSM-NAME-001", setup: Setup.admin,
      "[a] user create --username \(name32) --role crypto-user --password pass-word1",
      .rejected(decidedBy: "HSM-NAME-001")),
    RuleCase(
      "HSM-NAME-002", "change-mfa.md <USERNAME>", setup: Setup.admin,
      "[a] user create --username under_score_1 --role crypto-user --password pass-word1",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-NAME-002", "change-mfa.md <USERNAME>", setup: Setup.admin,
      "[a] user create --username hy-phen --role crypto-user --password pass-word1",
      .rejected(decidedBy: "HSM-NAME-002")),
    RuleCase(
      "HSM-NAME-002", "digest 5 Q4 (ASCII only)", setup: Setup.admin,
      "[a] user create --username émile --role crypto-user --password pass-word1",
      .rejected(decidedBy: "HSM-NAME-002")),
    RuleCase(
      "HSM-NAME-003", "change-password.md ('user names are not case sensitive')",
      setup: Setup.users, "[b] login --username aLiCe --role crypto-user --password alice-pw1",
      .accepted(decidedBy: "HSM-LOGIN-001")),
    RuleCase(
      "HSM-NAME-003", "digest 2.0 HSM-NAME-003 (displayed in lowercase)", setup: Setup.admin,
      "[a] user create --username MiXeD --role admin --password pass-word1",
      .accepted(decidedBy: "HSM-CREATE-002"),
      check: { state, _ in state.usersInListOrder.map(\.name).contains("mixed") }),
    RuleCase(
      "HSM-NAME-004", "digest 2.0 HSM-NAME-006", setup: Setup.admin,
      "[a] user create --username '' --role admin --password pass-word1",
      .rejected(decidedBy: "HSM-NAME-004")),
    RuleCase(
      "HSM-PW-001", "digest 2.0 HSM-PW-001 (8 accepted)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password 12345678",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-PW-001", "digest 2.0 HSM-PW-001 (7 rejected)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password 1234567",
      .rejected(decidedBy: "HSM-PW-001")),
    RuleCase(
      "HSM-PW-001", "digest 2.0 HSM-PW-002 (older minimum 7)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password 1234567",
      .accepted(decidedBy: "HSM-CREATE-002"),
      configuration: {
        var configuration = ModelConfiguration()
        configuration.minimumPasswordLength = 7
        return configuration
      }()),
    RuleCase(
      "HSM-PW-001", "digest 2.0 HSM-PW-001 (32 accepted)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password \(String(repeating: "p", count: 32))",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-PW-001", "digest 2.0 HSM-PW-001 (33 rejected)", setup: Setup.users,
      "[a] user change-password --username alice --role crypto-user --password \(String(repeating: "p", count: 33))",
      .rejected(decidedBy: "HSM-PW-001")),
    RuleCase(
      "HSM-PW-001", "digest 2.11 (activation password)",
      "[a] cluster activate --password 1234567", .rejected(decidedBy: "HSM-PW-001")),
    RuleCase(
      "HSM-PW-002", "change-password.md ('passwords are case sensitive')",
      setup: Setup.users + [
        "[a] user create --username carol --role crypto-user --password CAROL-PW1"
      ],
      "[b] login --username carol --role crypto-user --password carol-pw1",
      .rejected(decidedBy: "HSM-LOGIN-004")),
    RuleCase(
      "HSM-PW-003", "digest 2.0 HSM-PW-005", setup: Setup.admin,
      "[a] user create --username carol --role admin --password aaaaaaaa",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-PW-004", "digest 5 Q1 (8 scalars, 16 bytes)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password éééééééé",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-PW-004", "digest 5 Q1 (7 scalars, 14 bytes)", setup: Setup.admin,
      "[a] user create --username carol --role admin --password ééééééé",
      .rejected(decidedBy: "HSM-PW-001")),
    RuleCase(
      "HSM-PW-005", "digest 2.0 HSM-PW-004", setup: Setup.admin,
      "[a] user create --username carol --role admin", .rejected(decidedBy: "HSM-PW-005")),
    RuleCase(
      "HSM-PW-005", "digest 2.0 HSM-PW-004 (login prompts too)", setup: Setup.users,
      "[b] login --username alice --role crypto-user", .rejected(decidedBy: "HSM-PW-005")),
    RuleCase(
      "HSM-PW-005", "digest 2.0 HSM-PW-004 (answered prompts)", setup: Setup.admin,
      "[a] user create --username carol --role admin", .accepted(decidedBy: "HSM-CREATE-002"),
      answers: ["carol-pw-1", "carol-pw-1"],
      check: { state, _ in state.users["carol"]?.password == "carol-pw-1" }),
    RuleCase(
      "HSM-PW-006", "digest 2.0 HSM-PW-004 (confirmation differs)", setup: Setup.admin,
      "[a] user create --username carol --role admin", .rejected(decidedBy: "HSM-PW-006"),
      answers: ["carol-pw-1", "carol-pw-2"]),
    RuleCase(
      "HSM-PW-006", "digest 2.0 HSM-PW-004 (login asks once)", setup: Setup.users,
      "[b] login --username alice --role crypto-user", .accepted(decidedBy: "HSM-LOGIN-001"),
      answers: ["alice-pw1"]),
  ]

  @Test(arguments: cases) func identifierRules(_ c: RuleCase) { c.run() }
}
