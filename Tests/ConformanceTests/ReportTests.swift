import Conformance
import Foundation
import ReferenceModel
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small run with one case of every kind, and a catalogue of its own so that the goldens do
/// not change when the model's catalogue does.
enum ReportFixture {
  static let catalogue: [Rule] = [
    Rule(
      "HSM-CHPW-003", "A crypto user cannot change another user's password.",
      .documented(document: "cloudhsm-cli-change-password.md", section: "Requirements")),
    Rule(
      "HSM-CREATE-002", "`user create` answers the new username in lowercase and its role.",
      .documented(document: "spec-digest.md", section: "2.4 user create")),
    Rule(
      "HSM-CREATE-003", "A username that already exists cannot be created again.",
      .documented(document: "spec-digest.md", section: "2.4 user create")),
    Rule(
      "HSM-LOCK-004", "A successful login clears the user's failed-login count.",
      .inferred(reason: "'consecutive' attempts imply a reset on success (spec-digest Q18)")),
    Rule(
      "HSM-NAME-001", "A username has at most 32 characters.",
      .documented(document: "spec-digest.md", section: "2.0 Quotas")),
    Rule(
      "HSM-PW-003", "Passwords have no complexity rule.",
      .inferred(reason: "no complexity rule is documented (spec-digest HSM-PW-005)")),
  ]

  static let longObserved =
    #"{"username":"bob","role":"crypto-user","note":"a | pipe, a `tick` and a "#
    + "\u{1B}[31mcolour\u{1B}[0m\nsecond line, padded out well beyond one hundred and twenty "
    + #"characters so that the summary shortens it"}"#

  static let duplicate = RunReport.CaseResult(
    scenario: "create-duplicate-name", path: "user-create/duplicate-name.scenario",
    description: "A name that exists in another letter case is refused.",
    rules: ["HSM-CREATE-003", "HSM-CREATE-002"], verdict: .fail,
    divergences: [
      divergence(
        "create-duplicate-name", 3, "data", #"{"role":"crypto-user","username":"bob"}"#,
        longObserved, rule: "HSM-CREATE-002"),
      divergence(
        "create-duplicate-name", 3, "outcome", "error", "success", rule: "HSM-CREATE-003"),
    ],
    stderr: "warning: <slow> & \"odd\" \u{7}bell\nsecond line")

  static let cases: [RunReport.CaseResult] = [
    RunReport.CaseResult(
      scenario: "create-crypto-user", path: "user-create/create-crypto-user.scenario",
      description: "An admin creates a crypto user.", rules: ["HSM-CREATE-002"], verdict: .pass),
    duplicate,
    RunReport.CaseResult(
      scenario: "crypto-user-cannot-change-others",
      path: "user-change-password/crypto-user-cannot-change-others.scenario",
      description: "A crypto user cannot change an admin's password.", rules: ["HSM-CHPW-003"],
      verdict: .fail,
      divergences: [
        divergence(
          "crypto-user-cannot-change-others", 4, "outcome",
          "error: Operation not permitted", "success", rule: "HSM-CHPW-003", session: "alice",
          command: "user change-password --username admin --role admin --password new-pw")
      ]),
    RunReport.CaseResult(
      scenario: "lockout-count-resets", path: "login/lockout-count-resets.scenario",
      description: "A successful login resets the failed-login count.", rules: ["HSM-LOCK-004"],
      verdict: .pass,
      divergences: [
        divergence(
          "lockout-count-resets", 7, "outcome", "success", "error: user is locked",
          rule: "HSM-LOCK-004", strength: .inferred, unspecified: true, session: "bob",
          command: "login --username bob --role crypto-user --password bob-pw")
      ]),
    RunReport.CaseResult(
      scenario: "quorum-approval", path: "quorum/approval.scenario",
      description: "Quorum approval.", rules: [], verdict: .skipped(reason: "requires quorum")),
    RunReport.CaseResult(
      scenario: "quorum-token-expiry", path: "quorum/token-expiry.scenario",
      description: "Quorum tokens expire.", rules: [],
      verdict: .skipped(reason: "requires quorum")),
    RunReport.CaseResult(
      scenario: "mfa-token-sign", path: "user-change-mfa/token-sign.scenario",
      description: "MFA registration.", rules: [],
      verdict: .skipped(reason: "requires mfa-token-sign")),
    RunReport.CaseResult(
      scenario: "delete-user", path: "user-delete/delete-user.scenario",
      description: "An admin deletes a crypto user.", rules: ["HSM-CREATE-002"],
      verdict: .error(message: "timed out after 5000 ms waiting for the answer to step 2")),
  ]

  static let report = RunReport(
    runName: "fixture",
    sut: .init(
      name: "example-hsm 1.4.2", profile: "cloudhsm-cli",
      capabilities: ["multi-session", "lockout"]),
    level: .outcome, cases: cases,
    baseline: ["crypto-user-cannot-change-others/4/outcome"],
    timing: .init(seconds: 1.5, steps: 42))

  static func divergence(
    _ scenario: String, _ step: Int, _ field: String, _ expected: String, _ observed: String,
    rule: RuleID, strength: Rule.Strength = .documented, unspecified: Bool = false,
    session: String = "admin",
    command: String = "user create --username Bob --role crypto-user --password bob-pw"
  ) -> Divergence {
    Divergence(
      scenario: scenario, step: step, session: session, command: command,
      field: field, expected: expected, observed: observed, rule: rule, strength: strength,
      unspecified: unspecified)
  }
}

/// The report writers: goldens, determinism, well-formedness, and reading `report.json` back.
@Suite struct ReportTests {
  /// Each writer, by the name of the file it writes.
  enum Writer: String, CaseIterable, Sendable {
    case json = "report.json"
    case junit = "junit.xml"
    case markdown = "summary.md"
    case baseline = "baseline.json"

    func render(_ report: RunReport) -> String {
      switch self {
      case .json: ReportJSON.render(report, catalogue: ReportFixture.catalogue)
      case .junit: JUnitReport.render(report)
      case .markdown: SummaryMarkdown.render(report, catalogue: ReportFixture.catalogue)
      case .baseline: Baseline.render(from: report)
      }
    }
  }

  @Test(arguments: Writer.allCases)
  func writerMatchesSnapshot(writer: Writer) {
    assertSnapshot(writer.render(ReportFixture.report), named: writer.rawValue)
  }

  @Test(arguments: Writer.allCases)
  func renderingTwiceIsByteIdentical(writer: Writer) {
    let first = writer.render(ReportFixture.report)
    #expect(Array(first.utf8) == Array(writer.render(ReportFixture.report).utf8))
    #expect(first.hasSuffix("\n") && !first.hasSuffix("\n\n"))
  }

  @Test(arguments: Writer.allCases)
  func inputOrderDoesNotChangeOutput(writer: Writer) {
    var shuffled = ReportFixture.report
    shuffled.cases = shuffled.cases.reversed().map { result in
      var result = result
      result.rules.reverse()
      result.divergences.reverse()
      return result
    }
    shuffled.sut.capabilities.reverse()
    #expect(shuffled != ReportFixture.report)
    #expect(writer.render(shuffled) == writer.render(ReportFixture.report))
  }

  @Test func reportJSONHasSortedKeysAtEveryLevel() throws {
    let text = ReportJSON.render(ReportFixture.report, catalogue: ReportFixture.catalogue)
    let value = try JSONReader.parse(Array(text.utf8))
    #expect(value.normalized.prettyText + "\n" == text)
  }

  @Test func reportJSONReadsBackItsDivergences() throws {
    let text = ReportJSON.render(ReportFixture.report)
    let parsed = try ReportJSON.parse(bytes: Array(text.utf8), file: "report.json")
    #expect(parsed == ParsedReport(ReportFixture.report))
    #expect(parsed.divergences.count == 4)
    #expect(
      parsed.failingKeys == [
        "create-duplicate-name/3/data", "create-duplicate-name/3/outcome",
        "crypto-user-cannot-change-others/4/outcome",
      ])
    #expect((parsed.run, parsed.sut, parsed.level) == ("fixture", "example-hsm 1.4.2", "outcome"))
  }

  /// A baseline entry the run no longer shows is listed (so the baseline can be pruned), but
  /// only for cases the run judged: not skipped ones, nor ones outside the run.
  @Test func staleBaselineEntriesAreListed() {
    var report = ReportFixture.report
    report.baseline = [
      "crypto-user-cannot-change-others/4/outcome",  // still seen
      "crypto-user-cannot-change-others/2/data",  // gone: stale
      "create-crypto-user/error",  // the case passes now: stale
      "delete-user/error",  // still an error
      "delete-user/3/data",  // the case errored first: not judged
      "create-crypto-user/0/state",  // a run at outcome has no state check: not judged
      "quorum-approval/3/outcome",  // skipped case: not judged
      "not-in-this-run/1/outcome",  // not run (--filter): not judged
    ]
    #expect(
      report.staleBaselineKeys == [
        "create-crypto-user/error", "crypto-user-cannot-change-others/2/data",
      ])
    let markdown = SummaryMarkdown.render(report, catalogue: ReportFixture.catalogue)
    #expect(markdown.contains("## Baseline entries this run no longer shows"))
    #expect(markdown.contains("- `crypto-user-cannot-change-others/2/data`"))
    #expect(!markdown.contains("not-in-this-run"))
    #expect(ReportFixture.report.staleBaselineKeys.isEmpty)
  }

  @Test func timingChangesNoReport() {
    var slower = ReportFixture.report
    slower.timing = .init(seconds: 97.25, steps: 43)
    for writer in Writer.allCases {
      #expect(writer.render(slower) == writer.render(ReportFixture.report))
    }
    #expect(ReportJSON.timing(slower).contains("97.25"))
  }

  @Test func defaultCatalogueCoversEveryRule() throws {
    let value = try JSONReader.parse(Array(ReportJSON.render(ReportFixture.report).utf8))
    guard case .array(let coverage)? = value["rule_coverage"] else {
      Issue.record("rule_coverage is not an array")
      return
    }
    #expect(coverage.count == RuleCatalogue.all.count)
  }

  @Test func junitIsWellFormedAndCounts() throws {
    let xml = JUnitReport.render(ReportFixture.report)
    #if canImport(FoundationXML) || canImport(Darwin)
      let collector = ElementCollector()
      let parser = XMLParser(data: Data(xml.utf8))
      parser.delegate = collector
      #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
      #expect(collector.count("testcase") == 8)
      #expect(collector.count("testsuite") == 6)
      let root = try #require(collector.elements.first)
      #expect(root.name == "testsuites")
      #expect(root.attributes["tests"] == "8")
      #expect(root.attributes["failures"] == "2")
      #expect(root.attributes["errors"] == "1")
      #expect(root.attributes["skipped"] == "3")
      #expect(collector.elements.allSatisfy { $0.attributes["time"].map { $0 == "0" } ?? true })
      let stderr = try #require(collector.text["system-err"]?.first)
      #expect(stderr.hasPrefix("warning: <slow> & \"odd\" \\u{7}bell\nsecond line"))
    #endif
    #expect(!xml.contains("timestamp"))
  }

  @Test func junitReplacesCharactersXMLDoesNotAllow() {
    var report = ReportFixture.report
    report.cases[0].stderr = "nul\u{0} esc\u{1B} del\u{7F} \u{FFFE}\u{FFFF} tab\t cr\r"
    let xml = JUnitReport.render(report)
    let forbidden = xml.unicodeScalars.filter { scalar in
      (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value >= 0xFFFE
    }
    #expect(forbidden.isEmpty)
    #expect(xml.contains(#"nul\u{0} esc\u{1B} del\u{7F} \u{FFFE}\u{FFFF} tab"# + "\t cr&#13;"))
  }

  @Test func summaryShortensAndEscapesLongValues() throws {
    let summary = SummaryMarkdown.render(ReportFixture.report, catalogue: ReportFixture.catalogue)
    let row = try #require(
      summary.split(separator: "\n").first { $0.hasPrefix("| `create-duplicate-name/3/data`") })
    #expect(row.contains(#"a \| pipe"#))
    #expect(row.contains("``"))
    #expect(row.contains("…``"))
    #expect(!row.contains("shortens it"))
    #expect(row.contains(#"\u{1B}[31m"#))
    #expect(summary.contains("They do not fail the run below `strict`."))
    #expect(summary.contains("'consecutive' attempts imply a reset on success"))
  }
}

#if canImport(FoundationXML) || canImport(Darwin)
  /// Records every element and the text inside each, for `junitIsWellFormedAndCounts`.
  final class ElementCollector: NSObject, XMLParserDelegate {
    struct Element {
      var name: String
      var attributes: [String: String]
    }
    var elements: [Element] = []
    var text: [String: [String]] = [:]
    private var open: [String] = []
    private var buffer = ""

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      elements.append(Element(name: elementName, attributes: attributeDict))
      open.append(elementName)
      buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?
    ) {
      text[elementName, default: []].append(buffer)
      buffer = ""
      open.removeLast()
    }
  }
#endif
