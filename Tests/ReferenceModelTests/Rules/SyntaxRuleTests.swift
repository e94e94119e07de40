// How command lines map to usage errors, as the model answers them.
// Spec: spec-digest.md §2.0 (roles, clap conventions), §2.4–§2.7 (usage lines), §5 Q9;
// cloudhsm-cli-user-change-mfa.md "Syntax".
import ReferenceModel
import Testing

@Suite struct SyntaxRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-SYNTAX-001", "change-mfa.md Syntax", "[a] user rename",
      .rejected(decidedBy: "HSM-SYNTAX-001")),
    RuleCase(
      "HSM-SYNTAX-001", "change-mfa.md Syntax", "[a] user", .rejected(decidedBy: "HSM-SYNTAX-001")),
    RuleCase(
      "HSM-SYNTAX-001", "change-mfa.md Syntax", "[a] frobnicate",
      .rejected(decidedBy: "HSM-SYNTAX-001")),
    RuleCase(
      "HSM-SYNTAX-002", "digest 2.4 usage", setup: Setup.admin,
      "[a] user create --username carol --password carol-pw1",
      .rejected(decidedBy: "HSM-SYNTAX-002")),
    RuleCase(
      "HSM-SYNTAX-002", "digest 2.1 usage", "[a] login --role admin --password password",
      .rejected(decidedBy: "HSM-SYNTAX-002")),
    RuleCase(
      "HSM-SYNTAX-003", "inferred (clap)", "[a] user list --all",
      .rejected(decidedBy: "HSM-SYNTAX-003")),
    RuleCase(
      "HSM-SYNTAX-004", "inferred (clap)",
      "[a] login --username admin --username bob --role admin --password password",
      .rejected(decidedBy: "HSM-SYNTAX-004")),
    RuleCase(
      "HSM-SYNTAX-005", "digest 2.0 Roles",
      "[a] login --username admin --role Admin --password password",
      .rejected(decidedBy: "HSM-SYNTAX-005")),
    RuleCase(
      "HSM-SYNTAX-005", "digest 2.0 Roles",
      "[a] login --username admin --role unactivated-admin --password password",
      .rejected(decidedBy: "HSM-SYNTAX-005")),
    RuleCase(
      "HSM-SYNTAX-006", "inferred", "[a] login --username 'admin --role admin",
      .rejected(decidedBy: "HSM-SYNTAX-006")),
    RuleCase(
      "HSM-SYNTAX-006", "inferred",
      "[a] login --username \"ad\"min --role admin --password 'pass word'",
      .rejected(decidedBy: "HSM-LOGIN-004"),
      check: { state, _ in state.users["admin"]?.failedLogins == 1 }),
    RuleCase(
      "HSM-SYNTAX-007", "inferred (clap)", "[a] logout now", .rejected(decidedBy: "HSM-SYNTAX-007")),
    RuleCase(
      "HSM-SYNTAX-008", "inferred (clap)",
      "[a] login --username admin --role admin --password -pass",
      .rejected(decidedBy: "HSM-SYNTAX-008")),
    RuleCase(
      "HSM-SYNTAX-008", "inferred (clap)",
      "[a] login --username admin --role admin --password=password",
      .accepted(decidedBy: "HSM-LOGIN-007")),
    RuleCase(
      "HSM-SYNTAX-008", "digest 5 Q9", setup: Setup.users,
      "[a] user change-password --username alice --role crypto-user --password alice-pw2 --deregister-mfa=yes",
      .rejected(decidedBy: "HSM-SYNTAX-008")),
    RuleCase(
      "HSM-SYNTAX-008", "digest 5 Q9", setup: Setup.users,
      "[a] user change-password --username alice --role crypto-user --password alice-pw2 --deregister-mfa --deregister-quorum",
      .accepted(decidedBy: "HSM-CHPW-004")),
    RuleCase("HSM-SYNTAX-009", "change-mfa.md Syntax", "[a] help user create", .help),
    RuleCase("HSM-SYNTAX-009", "change-mfa.md Syntax", "[a] user delete --help", .help),
    RuleCase("HSM-SYNTAX-009", "change-mfa.md Syntax", "[a] help", .help),
  ]

  @Test(arguments: cases) func syntaxRules(_ c: RuleCase) { c.run() }
}
