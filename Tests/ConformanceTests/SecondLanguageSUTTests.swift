// `harness run --sut FILE` with a SUT the harness knows only through the contract: an
// independent Python implementation that differs in prompt, wording, pretty-printing, key
// order and (an inferred rule) user list order. Also the golden reports of a small fixed run.
// Spec: issue #4 acceptance (a SUT in another language; golden summary.md and report.json;
// byte-identical report.json across runs); sut-contract.md §1, §2.
import Conformance
import Foundation
import ReferenceModel
import Testing

@Suite struct SecondLanguageSUTTests {
  static let sutFile = TestPaths.fixtures + "/python-sut/sut.json"

  static func pythonSUT(bug: String? = nil) throws -> SubprocessSUT {
    var description = try SUTDescription.load(path: sutFile)
    guard case .cloudhsmCLI(var cli) = description.profile else {
      Issue.record("\(sutFile) is not a cloudhsm-cli SUT")
      return try #require(nil as SubprocessSUT?)
    }
    // The file's path is relative to the package root; tests may run elsewhere.
    cli.session =
      cli.session.map {
        $0.hasPrefix("Tests/") ? TestPaths.packageRoot + "/" + $0 : $0
      } + (bug.map { ["--bug", $0] } ?? [])
    description.profile = .cloudhsmCLI(cli)
    return try #require(SubprocessSUT(description))
  }

  static func run(_ sut: SubprocessSUT, _ filters: [String] = [], level: ComparisonLevel)
    -> RunReport
  {
    let catalog = ScenarioCatalog.load(root: TestPaths.fixtureScenarios)
    let cases = Runner(sut: sut, level: level, jobs: 2).run(catalog.filtered(filters))
    return RunReport(runName: "python-fixture", sut: sut.summary, level: level, cases: cases)
  }

  @Test func smallFixedRunMatchesTheGoldenReports() throws {
    let report = Self.run(try Self.pythonSUT(), level: .state)
    #expect(report.exitCode == 0)
    #expect(report.unspecifiedDivergences.map(\.rule).allSatisfy { $0 == "HSM-LIST-003" })
    #expect(!report.unspecifiedDivergences.isEmpty)
    // The coverage part is limited to the fixture's rules, so adding a rule to the catalogue
    // does not change these goldens.
    let rules = Set(report.cases.flatMap(\.rules))
    let catalogue = RuleCatalogue.all.filter { rules.contains($0.id) }
    assertSnapshot(
      ReportJSON.render(report, catalogue: catalogue), named: "python-fixture-report.json")
    assertSnapshot(
      SummaryMarkdown.render(report, catalogue: catalogue), named: "python-fixture-summary.md")
  }

  @Test func twoRunsGiveByteIdenticalReports() throws {
    let first = ReportJSON.render(Self.run(try Self.pythonSUT(), level: .state))
    let second = ReportJSON.render(Self.run(try Self.pythonSUT(), level: .state))
    #expect(first == second)
  }

  @Test func aRealBugInTheOtherLanguageIsCaught() throws {
    let report = Self.run(
      try Self.pythonSUT(bug: "crypto-user-changes-others"), ["basic/crypto-user"], level: .outcome)
    #expect(report.exitCode == 1)
    #expect(report.failingDivergences.map(\.key) == ["basic/crypto-user-changes-other/6/outcome"])
    #expect(report.failingDivergences.first?.rule == "HSM-CHPW-003")
  }

  /// A slice of the real suite (every directory, a few files each) passes against it.
  @Test func suiteSlicePassesAgainstThePythonSUT() throws {
    let catalog = ScenarioCatalog.load(root: TestPaths.suite)
    var perDirectory: [String: Int] = [:]
    // The Python SUT has no token-sign or quorum support and declares no capabilities.
    let slice = catalog.scenarios.filter { scenario in
      guard scenario.requires.isEmpty else { return false }
      let directory = String(scenario.path.prefix { $0 != "/" })
      perDirectory[directory, default: 0] += 1
      return perDirectory[directory, default: 0] <= 3
    }
    let results = Runner(sut: try Self.pythonSUT(), level: .state, jobs: 2).run(slice)
    let failing = results.filter { $0.verdict != .pass }
    #expect(
      failing.isEmpty,
      "\(failing.map { "\($0.scenario): \($0.verdict) \($0.divergences.map(\.key))" })")
  }
}
