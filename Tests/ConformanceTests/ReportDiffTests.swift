import Conformance
import ReferenceModel
import Testing

/// `ReportDiff` and `Baseline`: comparing a run with an earlier one, by divergence keys.
@Suite struct ReportDiffTests {
  private static func entry(
    _ key: String, observed: String = "success", unspecified: Bool = false
  ) -> ParsedReport.Entry {
    ParsedReport.Entry(
      key: key, rule: "HSM-CREATE-003", expected: "error", observed: observed,
      unspecified: unspecified)
  }

  private static func report(_ entries: [ParsedReport.Entry], level: String = "outcome")
    -> ParsedReport
  {
    ParsedReport(run: "r", sut: "s", level: level, divergences: entries)
  }

  private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  // MARK: Diff

  @Test func sortsKeysIntoNewFixedAndUnchanged() {
    let old = Self.report([
      Self.entry("c/1/outcome"), Self.entry("a/1/outcome"), Self.entry("b/2/data"),
    ])
    let new = Self.report([
      Self.entry("d/1/outcome"), Self.entry("b/2/data", observed: "error"),
      Self.entry("c/1/outcome"),
    ])
    let diff = ReportDiff.diff(old: old, new: new)
    #expect(diff.new == ["d/1/outcome"])
    #expect(diff.fixed == ["a/1/outcome"])
    #expect(diff.unchanged == ["b/2/data", "c/1/outcome"])
    #expect(diff.changed == ["b/2/data"])
    #expect(diff.hasNew)
    #expect(diff.summary == "1 new, 1 fixed, 2 unchanged (1 changed)")
  }

  @Test func rendersPlainText() {
    let old = Self.report([Self.entry("a/1/outcome"), Self.entry("b/2/data")], level: "outcome")
    let new = Self.report(
      [
        Self.entry("b/2/data", observed: "error\nwith a second line"),
        Self.entry("c/3/outcome", unspecified: true),
      ], level: "strict")
    #expect(
      ReportDiff.diff(old: old, new: new).render() == """
        note: the runs compared at different levels (outcome, strict)

        New (1):
          + c/3/outcome  HSM-CREATE-003 (unspecified)
              expected: error
              observed: success

        Fixed (1):
          - a/1/outcome  HSM-CREATE-003

        Changed (1):
          ~ b/2/data  HSM-CREATE-003
              observed was: success
              observed now: error\\nwith a second line

        1 new, 1 fixed, 1 unchanged (1 changed)

        """)
  }

  @Test func newUnspecifiedDivergencesAreNotNew() {
    let diff = ReportDiff.diff(
      old: Self.report([]), new: Self.report([Self.entry("a/1/outcome", unspecified: true)]))
    #expect(diff.new == ["a/1/outcome"])
    #expect(!diff.hasNew)
  }

  @Test func identicalRunsHaveNoDifferences() {
    let diff = ReportDiff.diff(
      old: ParsedReport(ReportFixture.report), new: ParsedReport(ReportFixture.report))
    #expect(diff.render() == "0 new, 0 fixed, 4 unchanged\n")
    #expect(!diff.hasNew)
  }

  @Test func timingIsIgnored() throws {
    var slower = ReportFixture.report
    slower.timing = .init(seconds: 300, steps: 7)
    let old = try ReportJSON.parse(
      bytes: Self.bytes(ReportJSON.render(ReportFixture.report)), file: "old.json")
    let new = try ReportJSON.parse(bytes: Self.bytes(ReportJSON.render(slower)), file: "new.json")
    let diff = ReportDiff.diff(old: old, new: new)
    #expect(diff.new.isEmpty && diff.fixed.isEmpty && diff.changed.isEmpty)
    #expect(diff.unchanged.count == 4)
  }

  @Test func aFixedCaseShowsAsFixed() {
    var fixed = ReportFixture.report
    fixed.cases = fixed.cases.map { result in
      guard result.scenario == "crypto-user-cannot-change-others" else { return result }
      var result = result
      result.verdict = .pass
      result.divergences = []
      return result
    }
    let diff = ReportDiff.diff(
      old: ParsedReport(ReportFixture.report), new: ParsedReport(fixed))
    #expect(diff.fixed == ["crypto-user-cannot-change-others/4/outcome"])
    #expect(diff.summary == "0 new, 1 fixed, 3 unchanged")
  }

  @Test(arguments: [
    ("[]", "old.json:1:1: error: the document must be an object, found an array"),
    (
      #"{"cases": []}"#,
      #"old.json:1:1: error: missing "format"; expected one of: user-rules-conformance/report@1"#
    ),
    (
      "{\n  \"format\": \"user-rules-conformance/baseline@1\",\n  \"divergences\": []\n}",
      "old.json:2:13: error: unknown format \"user-rules-conformance/baseline@1\"; expected one "
        + "of: user-rules-conformance/report@1"
    ),
    (
      #"{"format": "user-rules-conformance/report@1"}"#,
      #"old.json:1:1: error: missing required key "cases""#
    ),
    (
      "{\"format\": \"user-rules-conformance/report@1\",\n \"cases\": [{\"divergences\": [\n"
        + "  {\"key\": \"a/1/outcome\", \"rule\": \"R\", \"expected\": \"x\", \"observed\": \"y\"}]}]}",
      #"old.json:3:3: error: missing required key "unspecified" in "cases[0].divergences[0]""#
    ),
    (
      "{\"format\": \"user-rules-conformance/report@1\", \"cases\": [{\"divergences\": [\n"
        + "  {\"key\": 7, \"rule\": \"R\", \"expected\": \"x\", \"observed\": \"y\"}]}]}",
      #"old.json:2:11: error: "cases[0].divergences[0].key" must be a string, found a number"#
    ),
    ("{\"format\": ", "old.json:1:12: error: invalid JSON: unexpected end of data"),
  ])
  func malformedReportNamesThePlace(text: String, message: String) {
    #expect {
      try ReportJSON.parse(bytes: Self.bytes(text), file: "old.json")
    } throws: { error in
      "\(error)" == message
    }
  }

  // MARK: Baseline

  @Test func baselineFromReportJSONHoldsItsFailingDivergences() throws {
    let text = ReportJSON.render(ReportFixture.report)
    let baseline = try Baseline.load(bytes: Self.bytes(text), file: "report.json")
    #expect(baseline.keys == Set(ReportFixture.report.failingDivergences.map(\.key)))
    #expect(!baseline.keys.contains("lockout-count-resets/7/outcome"))
    #expect(baseline.entries.map(\.rule) == ["HSM-CREATE-002", "HSM-CREATE-003", "HSM-CHPW-003"])
  }

  @Test func baselineFileRoundTrips() throws {
    let text = Baseline.render(from: ReportFixture.report)
    let baseline = try Baseline.load(bytes: Self.bytes(text), file: "baseline.json")
    // Failing divergences, and each errored case as `<scenario>/error` (issue #8).
    #expect(
      baseline.keys
        == Set(ReportFixture.report.failingDivergences.map(\.key)).union(["delete-user/error"]))
    #expect(baseline.rendered == text)
    let first = try #require(baseline.entries.first)
    #expect(first.key == "create-duplicate-name/3/data")
    #expect(first.note.hasPrefix(#"expected {"role":"crypto-user","username":"bob"}, observed"#))
  }

  @Test func handWrittenBaselineNeedsOnlyKeys() throws {
    let text = """
      {"format": "user-rules-conformance/baseline@1", "divergences": [
        {"key": "b/2/data", "note": "known: we answer in upper case"},
        {"key": "a/1/outcome", "rule": "HSM-CREATE-003"}
      ]}
      """
    let baseline = try Baseline.load(bytes: Self.bytes(text), file: "baseline.json")
    #expect(
      baseline.entries == [
        Baseline.Entry(key: "a/1/outcome", rule: "HSM-CREATE-003"),
        Baseline.Entry(key: "b/2/data", note: "known: we answer in upper case"),
      ])
  }

  @Test(arguments: [
    ("", "known.json:1:1: error: invalid JSON: no JSON value in the input"),
    (
      "{\"format\": \"user-rules-conformance/baseline@1\",\n \"divergences\": [}",
      "known.json:2:18: error: invalid JSON: unexpected character"
    ),
    (
      #"{"format": "junit", "divergences": []}"#,
      #"known.json:1:12: error: unknown format "junit"; expected one of: "#
        + "user-rules-conformance/baseline@1, user-rules-conformance/report@1"
    ),
    (
      #"{"format": "user-rules-conformance/baseline@1", "divergence": []}"#,
      #"known.json:1:49: error: unknown key "divergence"; expected one of: format, divergences"#
    ),
    (
      #"{"format": "user-rules-conformance/baseline@1", "divergences": {}}"#,
      #"known.json:1:64: error: "divergences" must be an array, found an object"#
    ),
    (
      "{\"format\": \"user-rules-conformance/baseline@1\", \"divergences\": [\n"
        + "  {\"key\": \"a/1/outcome\", \"nots\": \"typo\"}]}",
      #"known.json:2:26: error: unknown key "divergences[0].nots"; expected one of: "#
        + "key, rule, note"
    ),
    (
      "{\"format\": \"user-rules-conformance/baseline@1\", \"divergences\": [\n"
        + "  {\"key\": \"a/1/outcome\"},\n  {\"key\": \"a/1/outcome\"}]}",
      #"known.json:3:11: error: divergence "a/1/outcome" is listed twice "#
        + #"(again at "divergences[1].key")"#
    ),
    (
      "{\"format\": \"user-rules-conformance/baseline@1\", \"divergences\": [\n  {\"rule\": \"R\"}]}",
      #"known.json:2:3: error: missing required key "key" in "divergences[0]""#
    ),
  ])
  func malformedBaselineNamesFileLineAndColumn(text: String, message: String) {
    #expect {
      try Baseline.load(bytes: Self.bytes(text), file: "known.json")
    } throws: { error in
      "\(error)" == message
    }
  }
}
