// user create, user delete and user list.
// Spec: cloudhsm-cli-managing-hsm-users.md "HSM user permissions table"; spec-digest.md §2.4,
// §2.5, §2.6, §2.0 "Other quotas".
import ReferenceModel
import Testing

@Suite struct UserManagementRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-CREATE-001", "users.md permissions table", setup: Setup.activated,
      "[b] user create --username carol --role crypto-user --password carol-pw1",
      .rejected(decidedBy: "HSM-CREATE-001")),
    RuleCase(
      "HSM-CREATE-001", "users.md permissions table (CU: No)", setup: Setup.aliceIn,
      "[c] user create --username carol --role crypto-user --password carol-pw1",
      .rejected(decidedBy: "HSM-CREATE-001")),
    RuleCase(
      "HSM-CREATE-001", "users.md permissions table (Admin: Yes)", setup: Setup.bobIn,
      "[b] user create --username carol --role admin --password carol-pw1",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-CREATE-002", "digest 2.4 HSM-CREATE-006", setup: Setup.admin,
      "[a] user create --username Carol_2 --role crypto-user --password carol-pw1",
      .accepted(decidedBy: "HSM-CREATE-002"),
      check: { state, outcome in
        outcome?.result == .accepted(.object([("username", "carol_2"), ("role", "crypto-user")]))
          && state.users["carol_2"]?.listEntry
            == .object([
              ("username", "carol_2"), ("role", "crypto-user"), ("locked", "false"),
              ("mfa", .array([])), ("quorum", .array([])), ("cluster-coverage", "full"),
            ])
      }),
    RuleCase(
      "HSM-CREATE-003", "digest 2.4 HSM-CREATE-004", setup: Setup.users,
      "[a] user create --username ALICE --role admin --password other-pw1",
      .rejected(decidedBy: "HSM-CREATE-003")),
    RuleCase(
      "HSM-CREATE-003", "digest 2.4 HSM-CREATE-004", setup: Setup.admin,
      "[a] user create --username app_user --role crypto-user --password other-pw1",
      .rejected(decidedBy: "HSM-CREATE-003")),
    RuleCase(
      "HSM-CREATE-004", "digest 2.0 Other quotas", setup: Setup.users,
      "[a] user create --username carol --role crypto-user --password carol-pw1",
      .rejected(decidedBy: "HSM-CREATE-004"),
      configuration: {
        var configuration = ModelConfiguration()
        configuration.maximumUsers = 4
        return configuration
      }()),
    RuleCase(
      "HSM-DELETE-001", "users.md permissions table (CU: No)", setup: Setup.aliceIn,
      "[c] user delete --username bob --role admin", .rejected(decidedBy: "HSM-DELETE-001")),
    RuleCase(
      "HSM-DELETE-001", "users.md permissions table (unauthenticated: No)", setup: Setup.users,
      "[q] user delete --username bob --role admin", .rejected(decidedBy: "HSM-DELETE-001")),
    RuleCase(
      "HSM-DELETE-002", "digest 2.5 HSM-DELETE-002", setup: Setup.aliceIn,
      "[a] user delete --username alice --role crypto-user",
      .rejected(decidedBy: "HSM-DELETE-002")),
    RuleCase(
      "HSM-DELETE-002", "digest 2.5 (cannot delete oneself)", setup: Setup.admin,
      "[a] user delete --username admin --role admin", .rejected(decidedBy: "HSM-DELETE-002")),
    RuleCase(
      "HSM-DELETE-003", "digest 2.5 HSM-DELETE-004", setup: Setup.users,
      "[a] user delete --username alice --role admin", .rejected(decidedBy: "HSM-DELETE-003")),
    RuleCase(
      "HSM-DELETE-003", "digest 2.5 HSM-DELETE-006", setup: Setup.users,
      "[a] user delete --username zoe --role admin", .rejected(decidedBy: "HSM-DELETE-003")),
    RuleCase(
      "HSM-DELETE-003", "digest 2.5 (app_user)", setup: Setup.users,
      "[a] user delete --username app_user --role admin", .rejected(decidedBy: "HSM-DELETE-003")),
    RuleCase(
      "HSM-DELETE-004", "digest 2.5", setup: Setup.users,
      "[a] user delete --username Alice --role crypto-user", .accepted(decidedBy: "HSM-DELETE-004"),
      check: { state, outcome in
        outcome?.result == .accepted(.object([("username", "alice"), ("role", "crypto-user")]))
          && state.users["alice"] == nil
      }),
    RuleCase(
      "HSM-DELETE-004", "digest 2.5 (no longer logs in)",
      setup: Setup.users + ["[a] user delete --username alice --role crypto-user"],
      "[b] login --username alice --role crypto-user --password alice-pw1",
      .rejected(decidedBy: "HSM-LOGIN-003")),
    RuleCase(
      "HSM-DELETE-004", "digest 2.5 (name may be created again)",
      setup: Setup.users + ["[a] user delete --username alice --role crypto-user"],
      "[a] user create --username alice --role admin --password alice-pw9",
      .accepted(decidedBy: "HSM-CREATE-002")),
    RuleCase(
      "HSM-LIST-001", "digest 2.6 HSM-LIST-001", setup: Setup.users, "[nobody] user list",
      .accepted(decidedBy: "HSM-LIST-001"),
      check: { state, _ in state.logins["nobody"] == nil }),
    RuleCase(
      "HSM-LIST-002", "digest 2.6 field semantics", setup: Setup.aliceLocked, "[a] user list",
      .accepted(decidedBy: "HSM-LIST-001"),
      check: { _, outcome in
        guard case .accepted(let data)? = outcome?.result,
          case .array(let users)? = data["users"]
        else { return false }
        let keys = users.compactMap { user -> [String]? in
          guard case .object(let pairs) = user else { return nil }
          return pairs.map(\.key)
        }
        let expected = ["username", "role", "locked", "mfa", "quorum", "cluster-coverage"]
        return keys.count == 4 && keys.allSatisfy { $0 == expected }
          && users.map { $0["locked"] } == ["false", "true", "false", "false"]
      }),
    RuleCase(
      "HSM-LIST-003", "digest 2.6 (example order)", setup: Setup.users, "[a] user list",
      .accepted(decidedBy: "HSM-LIST-001"),
      check: { _, outcome in
        guard case .accepted(let data)? = outcome?.result, case .array(let users)? = data["users"]
        else { return false }
        return users.map { $0["username"] } == ["admin", "alice", "bob", "app_user"]
      }),
  ]

  @Test(arguments: cases) func userManagementRules(_ c: RuleCase) { c.run() }
}
