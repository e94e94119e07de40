// The scenario format: parsing, errors with positions, writing, and the lint of the suite.
// Spec: scenarios/README.md (the format's contract); issue #4 "a lint test validates every file
// and reports file:line:column on errors".
import Conformance
import Foundation
import ReferenceModel
import Testing

@Suite struct ScenarioTests {
  static let header = """
    # id: x/y
    # description: d
    # rules: HSM-LOGOUT-002
    # spec: s

    """

  static func parse(_ text: String) throws(ScenarioError) -> Scenario {
    try ScenarioParser.parse(Array(text.utf8), path: "x/y.scenario")
  }

  @Test func parsesStepsAnswersExpectationsAndComments() throws {
    let scenario = try Self.parse(
      Self.header + """
        # a comment
        [admin] user create --username bob --role admin
          < bob-pw-123
          < bob-pw-123
          => ok HSM-CREATE-002 {"username":"bob","role":"admin"}
        [bob] <eof>
          => ended
        """)
    #expect(scenario.steps.count == 2)
    #expect(scenario.steps[0].answers == ["bob-pw-123", "bob-pw-123"])
    #expect(scenario.steps[0].comments == ["# a comment"])
    #expect(
      scenario.steps[0].expectation
        == .ok(rule: "HSM-CREATE-002", data: .object([("username", "bob"), ("role", "admin")])))
    #expect(scenario.steps[1].isEndOfInput && scenario.steps[1].expectation == .ended)
    #expect(scenario.steps[1].lineNumber == 10)
  }

  /// A file saved with CRLF line ends reads as the same scenario ("\r\n" is one Character,
  /// so lines are split at the scalar).
  /// A CloudHSM scenario may name its profile, as an IAM one must.
  @Test func theCloudHSMProfileMayBeNamed() throws {
    let text = Self.header + "# profile: cloudhsm-cli\n\n[a] logout\n  => error HSM-LOGOUT-002\n"
    let scenario = try Self.parse(text)
    #expect(scenario.namesProfile && scenario.steps.count == 1)
    // The canonical text keeps the line, so the lint does not ask to remove it.
    #expect(ScenarioWriter.render(scenario) == text)
  }

  @Test func crlfLineEndsReadLikeLF() throws {
    let text = Self.header + """
      [admin] user create --username bob --role admin
        < bob-pw-123
        < bob-pw-123
        => ok HSM-CREATE-002 {"username":"bob","role":"admin"}

      """
    let lf = try Self.parse(text)
    let crlf = try Self.parse(text.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(crlf == lf)
    #expect(crlf.steps.count == 1 && crlf.steps[0].answers == ["bob-pw-123", "bob-pw-123"])
  }

  @Test func writerOutputParsesBackToTheSameScenario() throws {
    let scenario = try Self.parse(
      Self.header + "[a] logout\n  => error HSM-LOGOUT-002\n# c\n[b] help user\n  => help\n")
    let text = ScenarioWriter.render(scenario)
    var reparsed = try Self.parse(text)
    #expect(ScenarioWriter.render(reparsed) == text)
    for index in reparsed.steps.indices {
      reparsed.steps[index].lineNumber = scenario.steps[index].lineNumber
    }
    #expect(reparsed == scenario)
  }

  @Test(arguments: [
    ("# id: x/y\n# colour: red\n", 2, 3, "unknown header key 'colour'"),
    (
      "# id: x/y\n# description: d\n# rules: HSM-NOPE-001\n# spec: s\n[a] logout\n", 3, 10,
      "unknown rule 'HSM-NOPE-001'"
    ),
    (
      "# id: x/y\n# description: d\n# rules: HSM-LOGOUT-002, HSM-X\n# spec: s\n[a] logout\n", 3, 26,
      "unknown rule 'HSM-X'"
    ),
    (header + "[a logout\n", 5, 1, "no closing ']'"),
    (header + "[a b] logout\n", 5, 2, "a session name is letters"),
    (header + "[a]\n", 5, 1, "no command after [a]"),
    (header + "logout\n", 5, 1, "expected a step"),
    (header + "  => ended\n", 5, 3, "must follow a step"),
    (header + "[a] logout\n  => maybe\n", 6, 6, "expected '=> ok RULE DATA'"),
    (header + "[a] logout\n  => ok HSM-LOGOUT-001 {\"a\": }\n", 6, 30, "not JSON"),
    (header + "[a] logout\n  => ended\n  => ended\n", 7, 3, "already has an expectation"),
    (header + "[a] logout\n  => ended\n  < late\n", 7, 3, "must follow its step"),
    ("# id: x/y\n# rules: HSM-LOGOUT-002\n# spec: s\n[a] logout\n", 1, 1, "no '# description"),
    (header, 4, 1, "no steps"),
    ("\u{FEFF}" + header + "[a] logout\n", 1, 1, "starts with a UTF-8 byte-order mark"),
    // Lines that were silently taken as something else.
    (header + "[a] <eof> now\n", 5, 5, "takes nothing after it"),
    (header + "[a] <eof>\n< yes\n", 6, 1, "takes no answer lines"),
    (header + "[a] logout\n< {sign k1 frob}\n", 6, 3, "expected '< {sign KEY}'"),
    (
      header.replacingOccurrences(of: "# description: d", with: "# description: "), 2, 16,
      "must not be empty"
    ),
    (header + "# keys: k1, k1\n[a] logout\n", 5, 9, "declared twice"),
    (header + "# profile: cloudhsm\n[a] logout\n", 5, 12, "unknown profile 'cloudhsm'"),
    // The harness would otherwise sign or tamper with any file on disk the path names.
    (header + "[harness] tamper /tmp/x.token\n", 5, 11, "start the path with {workdir}/"),
    (header + "[harness] sign q.token k1\n", 5, 11, "start the path with {workdir}/"),
  ])
  func errorsNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    do {
      _ = try Self.parse(text)
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.line == line && error.column == column, "\(error.rendered)")
      #expect(error.message.contains(message), "\(error.message)")
      #expect(error.rendered.hasPrefix("x/y.scenario:\(line):\(column): error: "))
    }
  }

  @Test func invalidUTF8IsAnErrorWithItsPosition() {
    let bytes = Array((Self.header + "[a] logout ").utf8) + [0xFF, 0x0A]
    do {
      _ = try ScenarioParser.parse(bytes, path: "x/y.scenario")
      Issue.record("accepted invalid UTF-8")
    } catch {
      #expect(error.line == 5 && error.column == 12, "\(error.rendered)")
    }
  }

  /// The lint of every file of the suite: parse, id matches path, capabilities known.
  @Test func everySuiteFileIsValid() {
    let catalog = ScenarioCatalog.load(root: TestPaths.suite)
    #expect(catalog.errors.isEmpty, "\(catalog.errors.map(\.rendered).joined(separator: "\n"))")
    #expect(catalog.scenarios.count >= 80, "the suite has \(catalog.scenarios.count) scenarios")
  }

  /// A `[harness]` step on a file no step wrote cannot be done by the model: the lint names
  /// its line, since a run would report it as the SUT's divergence.
  @Test func lintFindsHarnessStepsTheModelCannotDo() throws {
    let scenario = try Self.parse(
      Self.header.replacingOccurrences(of: "HSM-LOGOUT-002", with: "HSM-TOKEN-001")
        + "# keys: k1\n\n[a] logout\n[harness] sign {workdir}/never-written.token k1\n")
    let impossible = ScenarioUpdater.impossibleActions(scenario)
    #expect(impossible.map(\.line) == [8], "\(impossible)")
    #expect(impossible.first?.problem.contains("never-written.token") == true, "\(impossible)")
    #expect(ScenarioUpdater.impossibleActions(try Self.parse(Self.header + "[a] logout\n")).isEmpty)
  }

  @Test func lintReportsAnIdThatDiffersFromThePath() {
    let catalog = ScenarioCatalog.load(root: TestPaths.fixtures + "/bad-scenarios")
    let rendered = catalog.errors.map(\.rendered)
    #expect(rendered.contains { $0.contains("wrong-id.scenario:1:7: error: the id 'other/name'") })
    #expect(rendered.contains { $0.contains("unknown capability 'teleport'") })
    #expect(rendered.contains { $0.contains("broken.scenario:6:1: error: expected a step") })
  }

  /// Issue #4: every rule in the catalogue is exercised by a scenario.
  @Test func everyRuleIsExercisedByAScenario() {
    let catalog = ScenarioCatalog.load(root: TestPaths.suite)
    let uncovered = RuleCatalogueReport.coverage(of: catalog).filter(\.scenarios.isEmpty)
    #expect(uncovered.isEmpty, "rules without a scenario: \(uncovered.map(\.rule.id))")
  }
}
