import Foundation
// MFA token-sign, quorum tokens and approvals, with symbolic keys (outcomes equal RSA's).
// Spec: spec-digest.md §2.2, §2.8–§2.10, §3; cloudhsm-cli-user-change-mfa.md.
import ReferenceModel
import Testing

/// Shared token setups on top of `Setup.users` (admin in `a`, crypto user alice, admin bob).
enum TokenSetup {
  static let registerAlice =
    "[a] user change-mfa token-sign --username alice --role crypto-user --change-password "
    + "alice-pw2 --token t << {sign alice} << {workdir}/alice.pem"
  static let aliceMFA = Setup.users + [registerAlice]
  static func mfaLogin(_ key: String, _ twist: String = "") -> String {
    "[c] login --username alice --role crypto-user --password alice-pw2 mfa-token-sign --token l"
      + " << {sign \(key)\(twist.isEmpty ? "" : " " + twist)}"
  }
  static func registerQuorum(_ session: String, _ name: String) -> [String] {
    [
      "[\(session)] quorum token-sign generate --service registration --token \(name).reg",
      "[harness] sign \(name).reg \(name)",
      "[\(session)] user change-quorum token-sign register --public-key {workdir}/\(name).pem "
        + "--signed-token \(name).reg",
    ]
  }
  /// admin and bob have quorum keys; the user service needs 2 approvals; admin holds token q.
  static let quorum =
    Setup.bobIn + registerQuorum("a", "admin") + registerQuorum("b", "bob") + [
      "[a] quorum token-sign set-quorum-value --service user --value 2",
      "[a] quorum token-sign generate --service user --token q",
    ]
  static let create =
    "[a] user create --username carol --role crypto-user --password carol-pw1 --approval q"
  static let keys = ["alice", "bob", "admin", "other"]
}

@Suite struct TokenRuleTests {
  static let cases: [RuleCase] = [
    RuleCase(
      "HSM-SYNTAX-010", "digest 2.9 (--service values)", setup: Setup.admin,
      "[a] quorum token-sign generate --service keys --token q", .rejected(decidedBy: "HSM-SYNTAX-010")),
    RuleCase(
      "HSM-TOKEN-001", "contract 2 (empty answer: same file)", setup: Setup.users,
      TokenSetup.registerAlice.components(separatedBy: " << ")[0],
      .accepted(decidedBy: "HSM-MFA-004"), answers: ["{sign alice}", "{workdir}/alice.pem"],
      keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFALOGIN-001", "digest 2.2", setup: TokenSetup.aliceMFA, TokenSetup.mfaLogin("alice"),
      .accepted(decidedBy: "HSM-MFALOGIN-001"), keys: TokenSetup.keys,
      check: { state, _ in state.logins["c"] == "alice" }),
    RuleCase(
      "HSM-MFALOGIN-002", "digest 2.2 (wrong key)", setup: TokenSetup.aliceMFA,
      TokenSetup.mfaLogin("bob"), .rejected(decidedBy: "HSM-MFALOGIN-002"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFALOGIN-002", "digest 3.1 TOK-MFA-002 (a token dropped)", setup: TokenSetup.aliceMFA,
      TokenSetup.mfaLogin("alice", "drop"), .rejected(decidedBy: "HSM-MFALOGIN-002"),
      keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFALOGIN-002", "digest 3.3 (tampered)", setup: TokenSetup.aliceMFA,
      TokenSetup.mfaLogin("alice", "tamper"), .rejected(decidedBy: "HSM-MFALOGIN-002"),
      keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFALOGIN-003", "inferred", setup: TokenSetup.aliceMFA,
      "[c] login --username alice --role crypto-user --password alice-pw2",
      .rejected(decidedBy: "HSM-MFALOGIN-003"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFALOGIN-004", "inferred", setup: Setup.users,
      "[c] login --username alice --role crypto-user --password alice-pw1 mfa-token-sign --token l"
        + " << {sign alice}",
      .rejected(decidedBy: "HSM-MFALOGIN-004"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFA-001", "change-mfa.md (admin for others)", setup: Setup.users,
      TokenSetup.registerAlice, .accepted(decidedBy: "HSM-MFA-004"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFA-001", "change-mfa.md (CU only for itself)", setup: Setup.aliceIn,
      "[c] user change-mfa token-sign --username bob --role admin --change-password bob-pw-13 "
        + "--deregister", .rejected(decidedBy: "HSM-MFA-001")),
    RuleCase(
      "HSM-MFA-002", "change-mfa.md usage", setup: Setup.users,
      "[a] user change-mfa token-sign --username alice --role crypto-user --change-password "
        + "alice-pw2 --token t --deregister", .rejected(decidedBy: "HSM-MFA-002")),
    RuleCase(
      "HSM-MFA-002", "change-mfa.md usage (neither)", setup: Setup.users,
      "[a] user change-mfa token-sign --username alice --role crypto-user --change-password a",
      .rejected(decidedBy: "HSM-MFA-002")),
    RuleCase(
      "HSM-MFA-003", "change-mfa.md <CHANGE_PASSWORD>", setup: Setup.users,
      "[a] user change-mfa token-sign --username alice --role crypto-user --change-password "
        + "alice-pw9 --deregister", .accepted(decidedBy: "HSM-MFA-008"),
      check: { state, _ in state.users["alice"]?.password == "alice-pw9" }),
    RuleCase(
      "HSM-MFA-004", "digest 2.8 HSM-MFA-004/006", setup: Setup.users, TokenSetup.registerAlice,
      .accepted(decidedBy: "HSM-MFA-004"), keys: TokenSetup.keys,
      check: { state, _ in
        state.users["alice"]?.mfaRegistered == true && state.users["alice"]?.quorumRegistered == true
      }),
    RuleCase(
      "HSM-MFA-005", "digest 2.8 (key mismatch)", setup: Setup.users,
      "[a] user change-mfa token-sign --username alice --role crypto-user --change-password "
        + "alice-pw2 --token t", .rejected(decidedBy: "HSM-MFA-005"),
      answers: ["{sign bob}", "{workdir}/alice.pem"], keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFA-006", "inferred (one key for MFA and quorum)",
      setup: Setup.admin + TokenSetup.registerQuorum("a", "admin"),
      "[a] user change-mfa token-sign --username admin --role admin --change-password Admin-pw2 "
        + "--token t", .rejected(decidedBy: "HSM-MFA-006"),
      answers: ["{sign other}", "{workdir}/other.pem"], keys: TokenSetup.keys),
    RuleCase(
      "HSM-MFA-008", "digest 2.8 HSM-MFA-008", setup: TokenSetup.aliceMFA,
      "[a] user change-mfa token-sign --username alice --role crypto-user --change-password "
        + "alice-pw3 --deregister --change-quorum", .accepted(decidedBy: "HSM-MFA-008"),
      keys: TokenSetup.keys,
      check: { state, _ in
        state.users["alice"]?.mfaRegistered == false && state.users["alice"]?.publicKeyPEM == nil
      }),
    RuleCase(
      "HSM-QUORUM-001", "digest 2.9 (at most 8)", setup: Setup.admin,
      "[a] quorum token-sign set-quorum-value --service user --value 9",
      .rejected(decidedBy: "HSM-QUORUM-001")),
    RuleCase(
      "HSM-QUORUM-003", "digest 2.9 HSM-QUORUM-003", setup: Setup.admin,
      "[a] quorum token-sign generate --service quorum --token q",
      .rejected(decidedBy: "HSM-QUORUM-003")),
    RuleCase(
      "HSM-QUORUM-004", "digest 2.9 (admins only)", setup: Setup.aliceIn,
      "[c] quorum token-sign set-quorum-value --service user --value 2",
      .rejected(decidedBy: "HSM-QUORUM-004")),
    RuleCase(
      "HSM-QUORUM-005", "inferred (one token per service)",
      setup: Setup.admin + ["[a] quorum token-sign generate --service user --token q"],
      "[a] quorum token-sign generate --service user --token q2",
      .rejected(decidedBy: "HSM-QUORUM-005")),
    RuleCase(
      "HSM-QUORUM-007", "digest 2.9 (single use)",
      setup: TokenSetup.quorum + ["[harness] approve q admin bob", TokenSetup.create],
      "[a] user create --username dave --role crypto-user --password dave-pw-1 --approval q",
      .rejected(decidedBy: "HSM-QUORUM-007"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-007", "digest 2.9 HSM-QUORUM-009 (another session of the same user)",
      setup: TokenSetup.quorum + [
        "[harness] approve q admin bob", "[d] login --username admin --role admin --password Admin-pw1",
      ],
      "[d] user create --username carol --role crypto-user --password carol-pw1 --approval q",
      .rejected(decidedBy: "HSM-QUORUM-007"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-010", "digest 2.9 HSM-QUORUM-010", setup: TokenSetup.quorum,
      "[a] user delete --username alice --role crypto-user",
      .rejected(decidedBy: "HSM-QUORUM-010"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-011", "inferred (two distinct registered admins)",
      setup: TokenSetup.quorum + ["[harness] approve q admin bob"], TokenSetup.create,
      .accepted(decidedBy: "HSM-CREATE-002"), keys: TokenSetup.keys,
      check: { state, _ in state.issuedTokens.isEmpty && state.users["carol"] != nil }),
    RuleCase(
      "HSM-QUORUM-011", "inferred (a repeated approver counts once)",
      setup: TokenSetup.quorum + ["[harness] approve q bob bob"], TokenSetup.create,
      .rejected(decidedBy: "HSM-QUORUM-011"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-011", "inferred (crypto user's approval does not count)",
      setup: TokenSetup.quorum + ["[harness] approve q admin alice"], TokenSetup.create,
      .rejected(decidedBy: "HSM-QUORUM-011"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-011", "digest 3.2 (tampered data)",
      setup: TokenSetup.quorum + ["[harness] approve q admin bob", "[harness] tamper q"],
      TokenSetup.create, .rejected(decidedBy: "HSM-QUORUM-011"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QUORUM-012", "digest 2.9 list-quorum-values", "[z] quorum token-sign list-quorum-values",
      .accepted(decidedBy: "HSM-QUORUM-012"),
      check: { _, outcome in outcome?.result == .accepted(.object([("user", .int(1)), ("quorum", .int(1))])) }),
    RuleCase(
      "HSM-QUORUM-013", "digest 2.9 set-quorum-value", setup: Setup.admin,
      "[a] quorum token-sign set-quorum-value --service quorum --value 3",
      .accepted(decidedBy: "HSM-QUORUM-013"),
      check: { state, _ in state.quorumValues[.quorum] == 3 }),
    RuleCase(
      "HSM-QGEN-001", "digest 2.9 generate", setup: Setup.aliceIn,
      "[c] quorum token-sign generate --service user --token q",
      .rejected(decidedBy: "HSM-QGEN-001")),
    RuleCase(
      "HSM-QGEN-002", "digest 2.9 generate; 3.2 TOK-Q-002", setup: Setup.admin,
      "[a] quorum token-sign generate --service user --token q",
      .accepted(decidedBy: "HSM-QGEN-002"),
      check: { _, outcome in
        guard case .quorum(let token)? = outcome?.written?.file else { return false }
        return token.token == SHA256.hash(token.approvalData) && token.approvalData.count == 240
      }),
    RuleCase(
      "HSM-QREG-001", "digest 2.10 (admin only)", setup: Setup.aliceIn,
      "[c] user change-quorum token-sign register --public-key k.pem --signed-token r",
      .rejected(decidedBy: "HSM-QREG-001")),
    RuleCase(
      "HSM-QREG-002", "digest 2.10 (signed by the key)",
      setup: Setup.admin + [
        "[a] quorum token-sign generate --service registration --token r", "[harness] sign r other",
      ], "[a] user change-quorum token-sign register --public-key {workdir}/admin.pem --signed-token r",
      .rejected(decidedBy: "HSM-QREG-002"), keys: TokenSetup.keys),
    RuleCase(
      "HSM-QREG-003", "digest 2.10 HSM-QREG-003",
      setup: Setup.admin + [
        "[a] quorum token-sign generate --service registration --token r", "[harness] sign r admin",
      ], "[a] user change-quorum token-sign register --public-key {workdir}/admin.pem --signed-token r",
      .accepted(decidedBy: "HSM-QREG-003"), keys: TokenSetup.keys,
      check: { state, _ in state.users["admin"]?.quorumRegistered == true }),
  ]

  @Test(arguments: cases) func tokenRules(_ c: RuleCase) { c.run() }

  /// The model's SHA-256 gives the FIPS 180-4 test vectors.
  @Test func sha256MatchesTheStandardVectors() {
    func hex(_ bytes: [UInt8]) -> String {
      bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        .joined()
    }
    #expect(
      hex(SHA256.hash(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// `drop` leaves a one-token registration file without tokens; a second twist on it fails
  /// as a harness step instead of trapping (the Model fuzz target's finding: `sign FILE k2
  /// drop`, then `sign FILE k1 tamper`).
  /// The documents give the message of a user create or delete refused for want of an
  /// approval, verbatim (spec-digest §2.0, HSM-CREATE-005); the other refusals' are the model's.
  @Test(arguments: [
    ("[a] user create --username carol --role crypto-user --password carol-pw1", true),
    ("[a] user delete --username alice --role crypto-user", true),
    ("[a] user change-password --username alice --role crypto-user --password alice-pw-22", false),
  ])
  func aMissingApprovalHasTheDocumentedMessage(_ step: String, _ documented: Bool) throws {
    var model = ModelWorkbench(
      state: ClusterState(), keys: .symbolic(TokenSetup.keys), verifier: .symbolic)
    for setup in TokenSetup.quorum {
      let (session, text) = RuleCase.split(setup)
      if session == "harness" {
        try model.perform(try TokenAction.step(text).get()).get()
      } else {
        _ = model.execute(text, answers: [], in: session)
      }
    }
    let (session, text) = RuleCase.split(step)
    guard case .outcome(let outcome) = model.execute(text, answers: [], in: session) else {
      Issue.record("\(step) gave no outcome")
      return
    }
    #expect(outcome.rule == "HSM-QUORUM-010")
    #expect(outcome.messageIsDocumented == documented)
    #expect(outcome.envelope["data"] == .string("Quorum approval is required for this operation"))
  }

  @Test func aTwistOnAFileWithoutTokensFails() throws {
    var model = ModelWorkbench(state: ClusterState(), keys: .symbolic(["k1"]), verifier: .symbolic)
    for line in [
      "cluster activate --password admin-pw1",
      "login --username admin --role admin --password admin-pw1",
      "quorum token-sign generate --service registration --token r",
    ] {
      let response = model.execute(line, answers: [], in: "a")
      guard case .outcome(let outcome) = response, outcome.isAccepted else {
        Issue.record("\(line): \(response)")
        return
      }
    }
    #expect(throws: Never.self) {
      try model.perform(.sign(file: "r", key: "k1", twist: .drop)).get()
    }
    guard case .token(.mfa(let emptied))? = model.files["r"] else {
      Issue.record("r holds \(String(describing: model.files["r"]))")
      return
    }
    #expect(emptied.tokens.isEmpty)
    for twist in TokenAction.Twist.allCases {
      let result = model.perform(.sign(file: "r", key: "k1", twist: twist))
      #expect(throws: TokenActionError.self) { try result.get() }
    }
    #expect(model.files["r"] == .token(.mfa(emptied)))
  }

  /// A symbolic key verifies its own signatures and no other key's, whatever its name: one
  /// starting with a combining mark (U+20ED, from the TokenFile fuzz target's finding) joined
  /// the public key's prefix into one grapheme cluster and was refused.
  @Test(arguments: ["alice", "\u{20ED}", "\u{301}x", "e\u{301}", "", " "])
  func symbolicKeyVerifiesItsOwnSignatureOnly(_ name: String) throws {
    let keys = KeyRing.symbolic([name, "other"])
    let digest = SHA256.hash(Array(name.utf8))
    let signature = try #require(keys.sign(name, digest))
    let key = try #require(keys.publicKeyPEM(name))
    let otherKey = try #require(keys.publicKeyPEM("other"))
    #expect(SignatureVerifier.symbolic.verify(signature, digest, key))
    #expect(!SignatureVerifier.symbolic.verify(signature, digest, otherKey))
    #expect(!SignatureVerifier.symbolic.verify(signature, SHA256.hash(digest), key))
  }
}

/// The token-state invariants (`checkInvariants`, item 9), seen through the simulator's state
/// file: a state the commands reached reads back, and each kind of corruption is refused with
/// the invariant it breaks.
@Suite struct TokenInvariantTests {
  /// admin (quorum key) logged in in `a` and holding a user-service token; alice with MFA.
  static func reachedState() throws -> ClusterState {
    var model = ModelWorkbench(
      state: ClusterState(), keys: .symbolic(TokenSetup.keys), verifier: .symbolic)
    let steps =
      TokenSetup.aliceMFA + TokenSetup.registerQuorum("a", "admin") + [
        "[a] quorum token-sign set-quorum-value --service user --value 2",
        "[a] quorum token-sign generate --service user --token q",
      ]
    for step in steps {
      let parts = step.components(separatedBy: " << ")
      let (session, text) = RuleCase.split(parts[0])
      if session == "harness" {
        try model.perform(try TokenAction.step(text).get()).get()
        continue
      }
      let response = model.execute(text, answers: Array(parts.dropFirst()), in: session)
      guard case .outcome(let outcome) = response, outcome.isAccepted else {
        Issue.record("\(step): \(response)")
        continue
      }
    }
    return model.state
  }

  /// `value` with the field at `path` (object keys, or array indices as text) replaced.
  static func replacing(_ path: [String], in value: JSONValue, with new: JSONValue?)
    -> JSONValue
  {
    guard let first = path.first else { return new ?? .null }
    let rest = Array(path.dropFirst())
    switch value {
    case .object(let fields):
      return .object(
        fields.compactMap { field in
          guard field.key == first else { return field }
          if rest.isEmpty && new == nil { return nil }
          return (field.key, replacing(rest, in: field.value, with: new))
        })
    case .array(var items):
      guard let index = Int(first), items.indices.contains(index) else { return value }
      if rest.isEmpty && new == nil {
        items.remove(at: index)
      } else {
        items[index] = replacing(rest, in: items[index], with: new)
      }
      return .array(items)
    default:
      return value
    }
  }

  @Test func aReachedTokenStateReadsBack() throws {
    let state = try Self.reachedState()
    #expect(state.checkInvariants().isEmpty)
    #expect(!state.issuedTokens.isEmpty)
    #expect(state.users["alice"]?.mfaRegistered == true)
    #expect(throws: Never.self) { _ = try ClusterState(snapshot: state.snapshot) }
  }

  /// One corruption of a reached state's snapshot, named by the invariant it breaks.
  enum Corruption: String, CaseIterable, Sendable {
    case keyDropped, quorumValueNine, loginGone, tokenTwice

    var invariant: String {
      switch self {
      case .keyDropped: "registered-keys"
      case .quorumValueNine: "quorum-values"
      case .loginGone, .tokenTwice: "issued-tokens"
      }
    }

    func apply(to snapshot: JSONValue, users: [String]) -> JSONValue {
      let replacing = TokenInvariantTests.replacing
      switch self {
      case .keyDropped:
        let alice = users.firstIndex(of: "alice") ?? -1
        return replacing(["users", "\(alice)", "public_key"], snapshot, .null)
      case .quorumValueNine:
        return replacing(["quorum_values", "user"], snapshot, .int(9))
      case .loginGone:
        return replacing(["logins", "0"], snapshot, nil)
      case .tokenTwice:
        guard case .object(let fields) = snapshot,
          case .array(let tokens)? = fields.first(where: { $0.key == "tokens" })?.value
        else { return snapshot }
        return replacing(["tokens"], snapshot, .array(tokens + tokens))
      }
    }
  }

  @Test(arguments: Corruption.allCases)
  func aBrokenTokenStateIsRefused(_ corruption: Corruption) throws {
    let state = try Self.reachedState()
    let broken = corruption.apply(to: state.snapshot, users: state.usersInListOrder.map(\.name))
    #expect(broken != state.snapshot)
    #expect {
      _ = try ClusterState(snapshot: broken)
    } throws: { error in
      "\(error)".contains("breaks an invariant: \(corruption.invariant):")
    }
  }
}
