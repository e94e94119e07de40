import ReferenceModel

/// Writes a run as JUnit XML, for CI systems that show test results.
///
/// - One `<testsuite>` per scenario directory (the first component of the case's path, such
///   as `user-create`; `scenarios` for a path without one), sorted by name, and in each one
///   `<testcase classname="<dir>" name="<scenario-id>">` sorted by scenario id.
/// - Verdicts map one-to-one: `fail` is `<failure>` whose body lists the failing divergences
///   (the message says how many are in the baseline: known divergences still fail the test
///   case, though they do not fail the run); `skipped` is `<skipped message="reason"/>`;
///   `error` is `<error message="…"/>`. Unspecified divergences go to `<system-out>`, the SUT's
///   standard error to `<system-err>`.
/// - Deterministic: no timestamps or host names, and `time="0"` everywhere. Counts (`tests`,
///   `failures`, `errors`, `skipped`) are on each suite and on the root `<testsuites>`.
/// - Well-formed XML 1.0: `&`, `<`, `>` and quotes are escaped, and characters XML 1.0 does
///   not allow (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF),
///   and C1 controls, are replaced by a visible escape such as `\u{1B}`.
/// Spec: house-style.md §4 ("they map one-to-one onto JUnit's elements"); W3C XML 1.0 §2.2.
package enum JUnitReport {
  /// The JUnit XML text of `report`, ending with a newline.
  package static func render(_ report: RunReport) -> String {
    let suites = Dictionary(grouping: report.orderedCases) { suiteName(of: $0.path) }
      .sorted { $0.key < $1.key }
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      "<testsuites name=\"\(attribute(report.runName))\" \(counts(report.cases)) time=\"0\">",
    ]
    for (name, cases) in suites {
      lines.append(
        "  <testsuite name=\"\(attribute(name))\" \(counts(cases)) time=\"0\">")
      lines.append("    <properties>")
      for (key, value) in [
        ("sut", report.sut.name), ("profile", report.sut.profile),
        ("level", report.level.rawValue),
      ] {
        lines.append("      <property name=\"\(key)\" value=\"\(attribute(value))\"/>")
      }
      lines.append("    </properties>")
      for result in cases {
        lines += testcase(result, suite: name, baseline: report.baseline)
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The scenario directory: the path's first component.
  static func suiteName(of path: String) -> String {
    let components = path.split(separator: "/", omittingEmptySubsequences: true)
    return components.count > 1 ? String(components[0]) : "scenarios"
  }

  private static func counts(_ cases: [RunReport.CaseResult]) -> String {
    func count(_ word: String) -> Int { cases.filter { $0.verdict.word == word }.count }
    return "tests=\"\(cases.count)\" failures=\"\(count("fail"))\" errors=\"\(count("error"))\" "
      + "skipped=\"\(count("skipped"))\""
  }

  private static func testcase(
    _ result: RunReport.CaseResult, suite: String, baseline: Set<String>
  ) -> [String] {
    let open =
      "    <testcase classname=\"\(attribute(suite))\" name=\"\(attribute(result.scenario))\" "
      + "time=\"0\""
    var body: [String] = []
    switch result.verdict {
    case .pass: break
    case .fail:
      let failing = result.divergences.filter { !$0.unspecified }
      let known = failing.filter { baseline.contains($0.key) }.count
      var message = failing.count == 1 ? "1 divergence" : "\(failing.count) divergences"
      if known > 0 { message += " (\(known) in the baseline)" }
      let details = failing.map { describe($0, baselined: baseline.contains($0.key)) }
      body.append(
        "      <failure message=\"\(attribute(message))\" type=\"divergence\">"
          + text(details.joined(separator: "\n")) + "</failure>")
    case .skipped(let reason):
      body.append("      <skipped message=\"\(attribute(reason))\"/>")
    case .error(let message):
      body.append("      <error message=\"\(attribute(message))\" type=\"error\"/>")
    }
    let unspecified = result.divergences.filter(\.unspecified)
    if !unspecified.isEmpty {
      let details = unspecified.map { describe($0, baselined: false) }
      let heading = "Unspecified divergences (inferred rules; they fail the run only at strict):"
      body.append(
        "      <system-out>" + text(([heading] + details).joined(separator: "\n"))
          + "</system-out>")
    }
    if !result.stderr.isEmpty {
      body.append("      <system-err>" + text(result.stderr) + "</system-err>")
    }
    return body.isEmpty ? [open + "/>"] : [open + ">"] + body + ["    </testcase>"]
  }

  /// A divergence as a few lines of plain text.
  private static func describe(_ divergence: Divergence, baselined: Bool) -> String {
    [
      divergence.key + (baselined ? " (in the baseline)" : ""),
      "  step \(divergence.step), session \(divergence.session): \(divergence.command)",
      "  \(divergence.field) expected: \(divergence.expected)",
      "  \(divergence.field) observed: \(divergence.observed)",
      "  rule: \(divergence.rule) (\(divergence.strength.rawValue))",
    ].joined(separator: "\n")
  }

  /// `value` escaped for a double-quoted attribute; line breaks and tabs as character
  /// references so that parsers do not normalise them to spaces.
  static func attribute(_ value: String) -> String {
    escape(value) { scalar in
      switch scalar {
      case "\"": "&quot;"
      case "'": "&apos;"
      case "\n": "&#10;"
      case "\t": "&#9;"
      default: nil
      }
    }
  }

  /// `value` escaped for element content.
  static func text(_ value: String) -> String {
    escape(value) { _ in nil }
  }

  private static func escape(_ value: String, extra: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      if let replacement = extra(scalar) {
        out += replacement
        continue
      }
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\r": out += "&#13;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case _ where ReportText.isControl(scalar) || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
