// The runner with the model as SUT (must pass) and with mutants (must be caught).
// Spec: house-style.md §5 "The runner gets ModelSUT against the model (must pass) and mutants".
import Conformance
import ReferenceModel
import Testing

@Suite struct RunnerTests {
  static let catalog = ScenarioCatalog.load(root: TestPaths.suite)

  @Test func suiteLoadsWithoutErrors() {
    #expect(Self.catalog.errors.isEmpty, "\(Self.catalog.errors.map(\.rendered))")
    #expect(!Self.catalog.scenarios.isEmpty)
  }

  @Test(arguments: ComparisonLevel.allCases)
  func modelPassesTheWholeSuite(_ level: ComparisonLevel) {
    let results = Runner(sut: ModelSUT(), level: level, jobs: 2).run(Self.catalog.scenarios)
    let failing = results.filter { $0.verdict != .pass }
    #expect(failing.isEmpty, "\(failing.map { "\($0.scenario): \($0.verdict) \($0.divergences)" })")
  }

  @Test func everyPinnedExpectationIsUpToDate() {
    for scenario in Self.catalog.scenarios {
      let stale = ScenarioUpdater.stale(scenario)
      #expect(stale.isEmpty, "\(scenario.path): \(stale)")
    }
  }

  @Test func mutantThatLetsCryptoUsersChangeOthersIsCaught() {
    let results = Runner(sut: MutantSUT(.cryptoUserChangesOthers), jobs: 2).run(
      Self.catalog.filtered(["HSM-CHPW-003"]))
    #expect(!results.isEmpty)
    let divergences = results.flatMap(\.divergences)
    #expect(divergences.contains { $0.rule == "HSM-CHPW-003" && !$0.unspecified })
  }

  @Test func mutantThatReordersUserListIsOnlyUnspecified() {
    // MutantSUT declares no capabilities: the token scenarios would only be skipped.
    let results = Runner(sut: MutantSUT(.alphabeticalUserList), level: .state, jobs: 2).run(
      Self.catalog.scenarios.filter(\.requires.isEmpty))
    let divergences = results.flatMap(\.divergences)
    #expect(!divergences.isEmpty)
    #expect(divergences.allSatisfy { $0.rule == "HSM-LIST-003" && $0.unspecified })
    #expect(results.allSatisfy { $0.verdict == .pass })
    let strict = Runner(sut: MutantSUT(.alphabeticalUserList), level: .strict, jobs: 2).run(
      Self.catalog.filtered(["HSM-LIST-003"]))
    #expect(strict.contains { $0.verdict == .fail })
  }

  /// At strict, a refusal whose message the documents give must print that text; below
  /// strict, and for a message that is the model's own, any text will do.
  @Test func strictComparesOnlyDocumentedMessages() {
    let step = Scenario.Step(
      session: "a", line: "user create --username c --role admin --password pw-123456")
    var documented = Outcome.rejected(.approvalRequired("user", 2), "HSM-QUORUM-010")
    documented.messageIsDocumented = true
    let own = Outcome.rejected(.wrongPassword, "HSM-LOGIN-004")
    func answer(_ text: String) -> Observation {
      .answer(.object([("error_code", .int(1)), ("data", .string(text))]))
    }
    func divergences(_ outcome: Outcome, _ observed: Observation, _ level: ComparisonLevel)
      -> [Divergence]
    {
      Comparator(level: level, scenario: "s").compare(.outcome(outcome), observed, step: 1, step)
    }
    let other = answer("Approval needed")
    let found = divergences(documented, other, .strict)
    #expect(found.map(\.field) == ["message"])
    #expect(found.first?.rule == "HSM-QUORUM-010")
    #expect(found.first?.expected == "\"Quorum approval is required for this operation\"")
    #expect(divergences(documented, answer(Rejection.quorumApprovalRequiredText), .strict).isEmpty)
    #expect(divergences(documented, other, .state).isEmpty)
    #expect(divergences(own, other, .strict).isEmpty)
  }

  @Test func missingCapabilityIsASkipWithItsReason() {
    let catalog = ScenarioCatalog.load(root: TestPaths.fixtureScenarios)
    let results = Runner(sut: ModelSUT(capabilities: []), jobs: 1).run(
      catalog.filtered(["basic/needs-quorum"]))
    #expect(
      results.map(\.verdict) == [
        .skipped(reason: "needs capability quorum, which the SUT does not declare")
      ])
  }
}
