// login, logout and lockout.
// Spec: spec-digest.md §2.1 (login), §2.3 (logout), §2.0 "Other quotas" (lockout), §5 Q3, Q18;
// sut-contract.md §2 (end of input).
import ReferenceModel
import Testing

@Suite struct LoginRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-LOGIN-001", "digest 2.1", setup: Setup.users,
      "[b] login --username ALICE --role crypto-user --password alice-pw1",
      .accepted(decidedBy: "HSM-LOGIN-001"),
      check: { state, outcome in
        outcome?.result == .accepted(.object([("username", "alice"), ("role", "crypto-user")]))
          && state.loggedInUser("b")?.name == "alice"
      }),
    RuleCase(
      "HSM-LOGIN-002", "digest 5 Q3", setup: Setup.users,
      "[b] login --username alice --role admin --password alice-pw1",
      .rejected(decidedBy: "HSM-LOGIN-002"),
      check: { state, _ in state.users["alice"]?.failedLogins == 0 }),
    RuleCase(
      "HSM-LOGIN-003", "digest 2.1", setup: Setup.users,
      "[b] login --username zoe --role admin --password whatever1",
      .rejected(decidedBy: "HSM-LOGIN-003")),
    RuleCase(
      "HSM-LOGIN-004", "digest 2.0 lockout", setup: Setup.users,
      "[b] login --username alice --role crypto-user --password alice-pw2",
      .rejected(decidedBy: "HSM-LOGIN-004"),
      check: { state, _ in state.users["alice"]?.failedLogins == 1 && state.logins["b"] == nil }),
    RuleCase(
      "HSM-LOGIN-004", "digest 2.0 lockout (no length check at login)", setup: Setup.users,
      "[b] login --username alice --role crypto-user --password x",
      .rejected(decidedBy: "HSM-LOGIN-004")),
    RuleCase(
      "HSM-LOGIN-005", "digest 2.1 HSM-LOGIN-007", setup: Setup.users,
      "[a] login --username alice --role crypto-user --password alice-pw1",
      .rejected(decidedBy: "HSM-LOGIN-005"),
      check: { state, _ in state.loggedInUser("a")?.name == "admin" }),
    RuleCase(
      "HSM-LOGIN-006", "inferred", setup: Setup.aliceIn,
      "[d] login --username alice --role crypto-user --password alice-pw1",
      .accepted(decidedBy: "HSM-LOGIN-001"),
      check: { state, _ in state.logins["c"] == "alice" && state.logins["d"] == "alice" }),
    RuleCase(
      "HSM-LOGIN-007", "digest 5 Q13",
      "[a] login --username admin --role admin --password password",
      .accepted(decidedBy: "HSM-LOGIN-007"),
      check: { _, outcome in
        outcome?.result
          == .accepted(.object([("username", "admin"), ("role", "unactivated-admin")]))
      }),
    RuleCase(
      "HSM-LOGIN-007", "digest 5 Q13",
      "[a] login --username admin --role crypto-user --password password",
      .rejected(decidedBy: "HSM-LOGIN-002")),
    RuleCase(
      "HSM-LOGIN-008", "inferred", setup: Setup.activated,
      "[b] login --username app_user --role admin --password anything1",
      .rejected(decidedBy: "HSM-LOGIN-008")),
    RuleCase(
      "HSM-LOCK-001", "digest 2.0 lockout",
      setup: Setup.users
        + Array(
          repeating: "![x] login --username alice --role crypto-user --password wrong-pw1", count: 4
        ),
      "[x] login --username alice --role crypto-user --password wrong-pw1",
      .rejected(decidedBy: "HSM-LOGIN-004"),
      check: { state, outcome in
        state.lockedField("alice") == "true"
          && outcome?.effects.contains { $0.rule == "HSM-LOCK-001" } == true
      }),
    RuleCase(
      "HSM-LOCK-001", "digest 2.0 lockout (threshold is a parameter)",
      setup: Setup.users
        + Array(
          repeating: "![x] login --username alice --role crypto-user --password wrong-pw1", count: 2
        ),
      "[x] login --username alice --role crypto-user --password wrong-pw1",
      .rejected(decidedBy: "HSM-LOGIN-004"),
      configuration: {
        var configuration = ModelConfiguration()
        configuration.lockoutThreshold = 3
        return configuration
      }(),
      check: { state, _ in state.lockedField("alice") == "true" }),
    RuleCase(
      "HSM-LOCK-002", "digest 2.1 HSM-LOGIN-005", setup: Setup.aliceLocked,
      "[x] login --username alice --role crypto-user --password alice-pw1",
      .rejected(decidedBy: "HSM-LOCK-002"),
      check: { state, _ in state.users["alice"]?.failedLogins == 5 }),
    RuleCase(
      "HSM-LOCK-003", "digest 2.0 lockout ('an admin must reset your password')",
      setup: Setup.aliceLocked,
      "[a] user change-password --username alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-CHPW-004"),
      check: { state, outcome in
        state.lockedField("alice") == "false" && state.users["alice"]?.failedLogins == 0
          && outcome?.effects.contains { $0.rule == "HSM-LOCK-003" } == true
      }),
    RuleCase(
      "HSM-LOCK-003", "digest 2.0 lockout",
      setup: Setup.aliceLocked + [
        "[a] user change-password --username alice --role crypto-user --password alice-pw2"
      ],
      "[x] login --username alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-LOGIN-001")),
    RuleCase(
      "HSM-LOCK-004", "digest 5 Q18",
      setup: Setup.users
        + Array(
          repeating: "![x] login --username alice --role crypto-user --password wrong-pw1", count: 4
        ),
      "[x] login --username alice --role crypto-user --password alice-pw1",
      .accepted(decidedBy: "HSM-LOGIN-001"),
      check: { state, _ in state.users["alice"]?.failedLogins == 0 }),
    RuleCase(
      "HSM-LOCK-005", "inferred",
      setup: Setup.aliceIn
        + Array(
          repeating: "![x] login --username alice --role crypto-user --password wrong-pw1", count: 5
        ),
      "[c] user change-password --username alice --role crypto-user --password alice-pw2",
      .accepted(decidedBy: "HSM-CHPW-002"),
      check: { state, _ in state.lockedField("alice") == "true" }),
    RuleCase(
      "HSM-LOGOUT-001", "digest 2.3", setup: Setup.aliceIn, "[c] logout",
      .accepted(decidedBy: "HSM-LOGOUT-001"),
      check: { state, outcome in
        outcome?.result == .accepted(.string("Logout successful")) && state.logins["c"] == nil
      }),
    RuleCase(
      "HSM-LOGOUT-002", "digest 2.3 HSM-LOGOUT-002", setup: Setup.users, "[q] logout",
      .rejected(decidedBy: "HSM-LOGOUT-002")),
    RuleCase(
      "HSM-LOGOUT-003", "sut-contract.md 2 (end of input)", setup: Setup.aliceIn, "[c] <eof>",
      .sessionEnded(effect: "HSM-LOGOUT-003"),
      check: { state, _ in state.logins["c"] == nil && state.logins["a"] == "admin" }),
    RuleCase(
      "HSM-PW-002", "change-password.md ('passwords are case sensitive')", setup: Setup.users,
      "[b] login --username alice --role crypto-user --password ALICE-PW1",
      .rejected(decidedBy: "HSM-LOGIN-004")),
  ]

  @Test(arguments: cases) func loginRules(_ c: RuleCase) { c.run() }

  /// HSM-LOGOUT-003: end of input logs the session's user out, and then alice can be deleted.
  @Test func endOfInputLogsOut() {
    var state = ClusterState()
    for step in Setup.aliceIn {
      let (session, line) = RuleCase.split(step)
      _ = state.execute(line, in: session)
    }
    let effects = state.endSession("c")
    #expect(effects.map(\.rule) == ["HSM-LOGOUT-003"])
    #expect(state.logins["c"] == nil)
    guard
      case .outcome(let outcome) = state.execute(
        "user delete --username alice --role crypto-user", in: "a")
    else {
      Issue.record("no outcome")
      return
    }
    #expect(outcome.isAccepted)
    #expect(state.endSession("c").isEmpty)
  }
}
