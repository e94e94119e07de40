// The model target's decoder and check, and the reference clusters of the command-line check.
// Spec: house-style.md §5 (stateful property) and §6 (ByteReader after cryptofuzz's Datasource).
import Foundation
import Fuzz
import PropertyBased
import ReferenceModel
import Testing

@Suite struct ModelCheckTests {
  @Test func randomProgramsKeepEveryProperty() async {
    await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...400)) { bytes in
      let found = bytes.withUnsafeBytes { checkModel($0) }
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  @Test func byteReaderStopsWhenTheBytesRunOut() throws {
    var reader = ByteReader([7, 200])
    #expect(try reader.int(below: 5) == 2)
    #expect(try reader.pick(["a", "b"]) == "a")
    #expect(reader.isAtEnd)
    #expect(throws: ByteReader.OutOfData.self) { try reader.byte() }
    #expect(reader.bytes(upTo: 3).isEmpty)
  }

  /// The seeds must keep reaching acceptances (a format change would silently waste them);
  /// committed findings (`fixed-`, `known-`) are reproducers, not seeds.
  @Test(
    arguments: CorpusReplayTests.files("Model").filter {
      !$0.hasPrefix("fixed-") && !$0.hasPrefix("known-")
    })
  func modelSeedsReachAcceptedCommands(_ name: String) throws {
    var run = try #require(ModelRun(try CorpusReplayTests.bytes("Model", name)))
    var accepted: [String] = []
    while let report = run.next() {
      if let outcome = report.outcome, outcome.isAccepted, let command = report.step.command {
        accepted.append(command.name)
      }
    }
    #expect(accepted.contains("login"), "\(name): \(accepted)")
    #expect(accepted.count >= 3, "\(name): \(accepted)")
  }

  /// With the configuration byte's high bit clear, a program decodes and runs exactly as
  /// before token steps existed: the four older seeds' steps and outcomes, as printed by the
  /// decoder of commit 75a6188.
  @Test(arguments: Self.stepsBeforeTokenSteps.keys.sorted())
  func programsWithoutTheTokenBitDecodeAsBefore(_ name: String) throws {
    var run = try #require(ModelRun(try CorpusReplayTests.bytes("Model", name)))
    #expect(!run.tokenSteps)
    var lines: [String] = []
    while let report = run.next() {
      let outcome = report.outcome.map { "\($0.isAccepted ? "ok" : "error") \($0.rule)" }
      lines.append(report.step.text + " => " + (outcome ?? "ended"))
    }
    #expect(lines == Self.stepsBeforeTokenSteps[name])
  }

  /// Random programs with token steps, made of the dictionary's whole steps (as libFuzzer
  /// splices them in) and random bytes, so that they get past activation and log-in.
  @Test func randomTokenProgramsKeepEveryProperty() async throws {
    let fragments = try Self.dictionaryEntries()
    #expect(fragments.count >= 30)
    let programs = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
      var bytes = [UInt8.random(in: 0...255, using: &rng) | 0x80]
      for _ in 0..<Int.random(in: 0...60, using: &rng) {
        if Int.random(in: 0..<4, using: &rng) == 0 {
          bytes.append(UInt8.random(in: 0...255, using: &rng))
        } else {
          bytes += fragments[Int.random(in: 0..<fragments.count, using: &rng)]
        }
      }
      return bytes
    }
    await propertyCheck(count: 300, input: programs) { bytes in
      let found = bytes.withUnsafeBytes { checkModel($0) }
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  /// Each token seed followed by random bytes: random steps from the deep states the seeds
  /// reach (quorum values above 1, registered keys, tokens issued and approved).
  @Test(arguments: Self.tokenSeedGoals.keys.sorted())
  func tokenSeedsWithRandomTailsKeepEveryProperty(_ name: String) async throws {
    let seed = Array(try CorpusReplayTests.bytes("Model", name))
    await propertyCheck(count: 60, input: Gen.uint8().array(of: 0...300)) { tail in
      let bytes = seed + tail
      let found = bytes.withUnsafeBytes { checkModel($0) }
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  /// What each committed token seed must reach: accepted rules, `approved <command>` for an
  /// operation accepted while its service's quorum value was above 1 (so only with a valid
  /// approval), and `refused <rule>` for the near misses.
  static let tokenSeedGoals: [String: [String]] = [
    "tokens-mfa-register-login-deregister": [
      "HSM-MFA-004", "HSM-MFALOGIN-001", "refused HSM-MFALOGIN-002", "HSM-MFA-008",
    ],
    "tokens-quorum-keys-approved-create": [
      "HSM-QGEN-002", "HSM-QREG-003", "HSM-QUORUM-013", "HSM-QUORUM-012", "approved user create",
      "refused HSM-QUORUM-007",
    ],
    "tokens-mfa-login-then-approved-change-password": [
      "HSM-MFA-004", "HSM-MFALOGIN-001", "HSM-QUORUM-013", "approved user change-password",
    ],
    "tokens-quorum-service-approves-value-create-delete": [
      "HSM-MFALOGIN-001", "approved quorum token-sign set-quorum-value", "approved user create",
      "approved user delete", "approved user change-mfa token-sign",
    ],
    "tokens-near-misses": [
      "HSM-QREG-003", "HSM-MFA-004", "HSM-MFALOGIN-001", "refused HSM-QUORUM-001",
      "refused HSM-QUORUM-003", "refused HSM-QUORUM-004", "refused HSM-QUORUM-010",
      "refused HSM-QUORUM-011", "refused HSM-QREG-002", "refused HSM-MFA-005",
      "refused HSM-MFALOGIN-002", "refused HSM-QGEN-001",
    ],
  ]

  @Test func everyTokenSeedHasGoals() {
    let seeds = CorpusReplayTests.files("Model").filter { $0.hasPrefix("tokens-") }
    #expect(Set(seeds) == Set(Self.tokenSeedGoals.keys))
  }

  @Test(arguments: Self.tokenSeedGoals.keys.sorted())
  func tokenSeedsReachAcceptedTokenCommands(_ name: String) throws {
    var run = try #require(ModelRun(try CorpusReplayTests.bytes("Model", name)))
    #expect(run.tokenSteps)
    var reached: Set<String> = []
    while let report = run.next() {
      guard let outcome = report.outcome, let command = report.step.command else { continue }
      guard outcome.isAccepted else {
        reached.insert("refused \(outcome.rule)")
        continue
      }
      reached.insert("\(outcome.rule)")
      let service: QuorumService = command.name.hasPrefix("quorum") ? .quorum : .user
      if command.approval != nil, (report.before.quorumValues[service] ?? 1) > 1 {
        reached.insert("approved \(command.name)")
      }
    }
    for goal in Self.tokenSeedGoals[name] ?? [] {
      #expect(reached.contains(goal), "\(name) does not reach \(goal): \(reached.sorted())")
    }
  }

  /// The check fails on a broken model, and its detail is a reproducer: a mutant that stores
  /// usernames as typed breaks the canonical-names invariant at an approved `user create
  /// --username Alice`, after MFA registrations answered with signatures and an approval.
  @Test func aBrokenModelIsCaughtWithAReproducer() throws {
    let seed = try CorpusReplayTests.bytes(
      "Model", "tokens-mfa-login-then-approved-change-password")
    // [s0] generate --service user; [harness] approve admin:k1 bob:k2; [s0] approved
    // `user create --username Alice` (byte 8: names[4] after the four users).
    let bytes =
      Array(seed) + [0x00, 0x1A, 0x00] + [0x00, 0x1B, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00]
      + [0x00, 0x1D, 0x00, 0x08, 0x00, 0x88, 0x0C, 0x40]
    #expect(bytes.withUnsafeBytes { checkModel($0) }.isEmpty)
    let found = bytes.withUnsafeBytes { checkModel($0, mutant: .caseSensitiveUsernames) }
    let violation = try #require(found.first)
    #expect(violation.kind == "invariant-canonical-names")
    for line in [
      "after step 17 of [[s0] cluster activate",
      "--token '{workdir}/s1-mfa.token' < -b8éZ_c9 < -b8éZ_c9 < {sign k2} < {workdir}/k2.pem;",
      "[s2] login --username bob --role admin --password=-b8éZ_c9 mfa-token-sign",
      "[harness] approve {workdir}/s0-user.token admin:k1 bob:k2;",
      "[s0] user create --username Alice --role crypto-user --password '_c9😀0 X!' "
        + "--approval '{workdir}/s0-user.token']",
    ] {
      #expect(violation.detail.contains(line), "\(violation.detail)")
    }
  }

  /// A refused MFA login has issued its tokens: `tokenSerial` moved on, and only that. The
  /// check allows exactly that, and only for a token-sign command.
  @Test func aRefusedTokenSignCommandMayOnlyHaveIssuedTokens() throws {
    let bytes = try CorpusReplayTests.bytes("Model", "tokens-mfa-register-login-deregister")
    var run = try #require(ModelRun(bytes))
    var refused: ModelStepReport?
    while refused == nil, let report = run.next() {
      if report.outcome?.rule == "HSM-MFALOGIN-002" { refused = report }
    }
    let report = try #require(refused)
    #expect(report.after != report.before)
    #expect(report.after.tokenSerial == report.before.tokenSerial + 1)
    #expect(report.violations("refused login").isEmpty)

    // Anything else changed as well: the rejection changed the cluster.
    var loggedOut = report
    _ = loggedOut.after.apply(.logout, in: "s0")
    #expect(loggedOut.violations("step").map(\.kind) == ["rejection-changed-state"])
    // The same change of serial for a refused command that issues no tokens.
    var otherCommand = report
    otherCommand.step = .tokenCommand(
      "s2", .quorumSetValue(.init(service: .user, value: 0)), answers: [])
    otherCommand.answer = .executed(
      .outcome(.rejected(.quorumValueOutOfRange(0), "HSM-QUORUM-001")))
    #expect(otherCommand.violations("step").map(\.kind) == ["rejection-changed-state"])
  }

  /// A `[harness]` action and a line that runs no command must leave the cluster alone.
  @Test func stepsThatRunNoCommandMustNotChangeTheCluster() {
    let before = ClusterState()
    var after = before
    _ = after.apply(.clusterActivate(password: "password1"), in: "s0")
    let steps: [(ModelStep, ModelStepReport.Answer)] = [
      (.harness(.tamper(file: "{workdir}/s0-user.token")), .performed(.success(()))),
      (.tokenCommand("s0", .quorumListValues, answers: []), .executed(.help("help"))),
      (.tokenCommand("s0", .quorumListValues, answers: []), .executed(.nothing)),
    ]
    for (step, answer) in steps {
      let unchanged = ModelStepReport(step: step, before: before, after: before, answer: answer)
      #expect(unchanged.violations("step").isEmpty)
      let changed = ModelStepReport(step: step, before: before, after: after, answer: answer)
      #expect(changed.violations("step").map(\.kind) == ["rejection-changed-state"])
    }
  }

  @Test func referenceClustersAreTheDocumentedOnes() {
    let states = ReferenceClusters.all
    let session = ReferenceClusters.session
    #expect(states.count == 4)
    #expect(!states[0].isActivated && states[0].logins.isEmpty)
    #expect(states[1].loggedInUser(session)?.role == .unactivatedAdmin)
    #expect(states[2].isActivated && states[2].loggedInUser(session)?.name == "admin")
    #expect(states[2].users["carol"]?.locked == true)
    #expect(states[2].logins[ReferenceClusters.other] == "alice")
    #expect(states[3].loggedInUser(session)?.name == "alice")
    for state in states { #expect(state.checkInvariants().isEmpty) }
  }
}

extension ModelCheckTests {
  /// The values of `Model.dict`'s entries (libFuzzer's `\\`, `\"` and `\xAB` escapes).
  static func dictionaryEntries() throws -> [[UInt8]] {
    let text = try String(
      contentsOf: CorpusReplayTests.corpusRoot.appendingPathComponent("Model.dict"),
      encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      var bytes: [UInt8] = []
      var rest = Substring(line.drop { $0 != "\"" }.dropFirst().dropLast())
      while let character = rest.popFirst() {
        guard character == "\\", let escaped = rest.popFirst() else {
          bytes += Array(String(character).utf8)
          continue
        }
        if escaped == "x", let value = UInt8(String(rest.prefix(2)), radix: 16) {
          bytes.append(value)
          rest = rest.dropFirst(2)
        } else {
          bytes += Array(String(escaped).utf8)
        }
      }
      return bytes
    }
  }

  /// The steps of the four seeds older than token steps, with each outcome's rule.
  static let stepsBeforeTokenSteps: [String: [String]] = [
    "activate-create-login-change-delete": [
      #"[s0] cluster activate --password "a1'Y-b8é" => ok HSM-ACT-003"#,
      #"[s0] login --username admin --role admin --password "a1'Y-b8é" => ok HSM-LOGIN-001"#,
      #"[s0] user create --username alice --role crypto-user --password 'Z_c9😀0 X!' => ok HSM-CREATE-002"#,
      #"[s1] login --username alice --role crypto-user --password 'Z_c9😀0 X!' => ok HSM-LOGIN-001"#,
      #"[s1] user change-password --username alice --role crypto-user --password "X!a1'Y-b8éZ_" => ok HSM-CHPW-002"#,
      #"[s0] user list => ok HSM-LIST-001"#,
      #"[s1] logout => ok HSM-LOGOUT-001"#,
      #"[s0] user delete --username alice --role crypto-user => ok HSM-DELETE-004"#,
      #"[s2] (end of input) => ended"#,
      #"[s0] (end of input) => ended"#,
    ],
    "lockout-and-admin-reset": [
      #"[s0] cluster activate --password "a1'Y-b8é" => ok HSM-ACT-003"#,
      #"[s0] login --username admin --role admin --password "a1'Y-b8é" => ok HSM-LOGIN-001"#,
      #"[s0] user create --username bob --role admin --password '9😀0 X!a1' --approval approval.json => ok HSM-CREATE-002"#,
      #"[s1] login --username bob --role admin --password '9😀0 X!a1x' => error HSM-LOGIN-004"#,
      #"[s1] login --username bob --role admin --password '9😀0 X!a1x' => error HSM-LOGIN-004"#,
      #"[s1] login --username bob --role admin --password '9😀0 X!a1' => error HSM-LOCK-002"#,
      #"[s0] user change-password --username bob --role admin --password 'b8éZ_c9😀0 ' --deregister-mfa --deregister-quorum => ok HSM-CHPW-004"#,
      #"[s1] login --username bob --role admin --password 'b8éZ_c9😀0 ' => ok HSM-LOGIN-001"#,
    ],
    "unactivated-and-near-misses": [
      #"[s0] login --username app_user --role admin --password password => error HSM-LOGIN-008"#,
      #"[s0] login --username admin --role crypto-user --password password => error HSM-LOGIN-002"#,
      #"[s0] login --username admin --role admin --password password => ok HSM-LOGIN-007"#,
      #"[s0] user create --username bad-name --role crypto-user --password b8éZ_c9😀 => error HSM-CREATE-001"#,
      #"[s0] cluster activate --password "Y-b8éZ_c9😀0 X!a1'Y-b8éZ_c9😀0 X!a1" => error HSM-PW-001"#,
      #"[s0] cluster activate => error HSM-PW-005"#,
      #"[s0] cluster activate --password "Y-b8éZ_c9😀0 X!a1'Y-b8éZ_c9😀0 X!a" => ok HSM-ACT-002"#,
      #"[s1] login --username carol_1 --role admin --password "Y-b8éZ_c9😀0 X!a1'Y-b8éZ_c9😀0 X!a" => error HSM-LOGIN-003"#,
      #"[s1] login --username ADMIN --role admin --password "Y-b8éZ_c9😀0 X!a1'Y-b8éZ_c9😀0 X!a" => ok HSM-LOGIN-001"#,
      #"[s0] user create --username nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn --role crypto-user --password b8éZ_c9😀 => ok HSM-CREATE-002"#,
      #"[s0] user create --username nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn --role crypto-user --password b8éZ_c9😀 => error HSM-CREATE-003"#,
      #"[s0] user create --username bad-name --role crypto-user --password b8éZ_c9😀 => error HSM-NAME-002"#,
      #"[s0] (end of input) => ended"#,
      #"[s1] (end of input) => ended"#,
    ],
    "user-limit": [
      #"[s0] cluster activate --password 'c9😀0 X!' => ok HSM-ACT-003"#,
      #"[s0] login --username admin --role admin --password 'c9😀0 X!' => ok HSM-LOGIN-001"#,
      #"[s0] user create --username alice --role crypto-user --password b8éZ_c9😀 => ok HSM-CREATE-002"#,
      #"[s0] user create --username alice --role crypto-user --password 'c9😀0 X!a' => error HSM-CREATE-003"#,
      #"[s0] user list => ok HSM-LIST-001"#,
    ],
  ]
}
