// The IAM model's stateful property: random request sequences from random callers keep every
// invariant, a refusal never changes the account, and every outcome names catalogued rules.
// Spec: house-style.md §5; the invariants are listed on `IAMAccount.checkInvariants()`.
import PropertyBased
import ReferenceModel
import IAMModel
import Testing

@Suite struct IAMPropertyTests {
  static let names = ["alice", "Alice", "bob", "carol"]
  static let passwords = [
    "Old-Passw0rd!", "New-Passw0rd!2", "abcdefgh", "Abcdefg1", "x", "", "Caf\u{E9}-Passw0rd!",
    String(repeating: "Aa1!", count: 33), "Passw0rd-1!", "Passw0rd-2!",
  ]
  static let policies: [JSONValue] = [
    IAMFixture.policy(), IAMFixture.policy(resource: "*"), IAMFixture.policy("Deny"),
    IAMFixture.policy(action: "*", resource: "*"), .object([("Statement", .string("x"))]),
  ]

  /// One random request and its caller.
  static func request(_ rng: inout SplitMix64, _ account: IAMAccount) -> (IAMPrincipal, IAMRequest)
  {
    func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    let caller: IAMPrincipal = rng.next() % 3 == 0 ? .root : .user(pick(names))
    let user = pick(names)
    let action = pick(IAMAction.allCases)
    var parameters: [String: String] = ["UserName": user]
    var document: JSONValue?
    switch action {
    case .createUser: if rng.next() % 4 == 0 { parameters["Path"] = pick(["/a/", "/", "bad"]) }
    case .createLoginProfile: parameters["Password"] = pick(passwords)
    case .changePassword:
      parameters = ["OldPassword": pick(passwords), "NewPassword": pick(passwords)]
    case .putUserPolicy, .deleteUserPolicy:
      parameters["PolicyName"] = pick(["p", "q"])
      document = pick(policies)
      parameters["PolicyDocument"] = document?.compactText
    case .deleteAccessKey:
      parameters["AccessKeyId"] = account.user(user)?.accessKeys.first ?? "AKIANONE"
    case .updateAccountPasswordPolicy:
      parameters = [
        "MinimumPasswordLength": pick(["5", "6", "8", "12", "129"]),
        "RequireSymbols": pick(["true", "false"]), "RequireNumbers": pick(["true", "false"]),
        "PasswordReusePrevention": pick(["1", "3", "25"]),
        "AllowUsersToChangePassword": pick(["true", "false", "maybe"]),
      ]
    case .getUser where rng.next() % 2 == 0: parameters = [:]
    default: break
    }
    return (caller, IAMRequest(action, parameters, policyDocument: document))
  }

  static func run(seed: UInt64, steps: Int) -> Set<RuleID> {
    var rng = SplitMix64(seed: seed)
    var account = IAMAccount(rootAccessKeys: ["AKIAROOT"])
    var seen = Set<RuleID>()
    for step in 0..<steps {
      let (caller, request) = Self.request(&rng, account)
      let before = account
      let outcome = account.apply(request, as: caller, at: IAMInstant(seconds: Int64(step) * 120))
      seen.formUnion(outcome.rules)
      let violations = account.checkInvariants()
      #expect(violations.isEmpty, "seed \(seed) step \(step) \(request): \(violations)")
      if !outcome.isAccepted {
        #expect(account == before, "seed \(seed) step \(step): a refusal changed the account")
      }
      for rule in outcome.rules where RuleCatalogue.rule(rule) == nil {
        Issue.record("seed \(seed) step \(step): \(rule) is not in the catalogue")
      }
    }
    return seen
  }

  @Test func invariantsHoldAfterEveryRequest() async {
    await propertyCheck(count: 100, input: Gen.uint64()) { seed in
      _ = Self.run(seed: seed, steps: 200)
    }
  }

  /// The generator reaches the refusals that guard the account, so the property means something.
  @Test func generatorReachesTheMainRules() {
    var seen = Set<RuleID>()
    for seed in UInt64(1)...30 { seen.formUnion(Self.run(seed: seed &* 0x9E37_79B9, steps: 300)) }
    let wanted: [RuleID] = [
      "IAM-CHPW-001", "IAM-CHPW-003", "IAM-CHPW-004", "IAM-CHPW-006", "IAM-AUTHZ-001",
      "IAM-AUTHZ-003", "IAM-POL-008", "IAM-POL-010", "IAM-POL-011", "IAM-ADMIN-001",
      "IAM-ADMIN-004", "IAM-ADMIN-006", "IAM-ADMIN-007",
    ]
    #expect(
      wanted.filter { !seen.contains($0) }.isEmpty,
      "unreached: \(wanted.filter { !seen.contains($0) })")
  }
}
