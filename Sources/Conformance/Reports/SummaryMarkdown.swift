package import ReferenceModel

/// Writes `summary.md`, the report people read: vendors first, model maintainers second.
///
/// Sections, always all present (an empty one says "None."), in this order: the title (SUT and
/// level) and the result; counts; new divergences; known divergences (in the baseline);
/// unspecified divergences with each rule's reasoning from the catalogue; errors; skipped
/// cases grouped by reason; rule coverage with the rules that no scenario exercises.
/// Divergence tables show key, rule and strength, command, expected and observed; values are
/// code spans on one line, shortened to about 120 characters (`report.json` has them whole).
/// Text from the SUT or the scenarios is escaped; the catalogue's summaries and reasons are
/// written in Markdown already (with code spans) and are kept as they are, on one line.
/// Deterministic: everything is sorted, and timing is left out.
/// Spec: sut-contract.md §2 (strength, unspecified), §4 (baseline, exit codes); issue #4.
package enum SummaryMarkdown {
  /// The Markdown text of `report`; `catalogue` gives rule reasoning and coverage (the default
  /// is the model's whole catalogue).
  package static func render(_ report: RunReport, catalogue: [Rule] = RuleCatalogue.all)
    -> String
  {
    var lines = header(report)
    lines += countsTable(report)
    let failing = report.orderedCases.flatMap { $0.divergences.filter { !$0.unspecified } }
    lines += ["## New divergences", ""]
    lines += divergenceTable(failing.filter { !report.baseline.contains($0.key) })
    lines += ["## Known divergences (baseline)", ""]
    lines += divergenceTable(failing.filter { report.baseline.contains($0.key) })
    let stale = report.staleBaselineKeys
    if !stale.isEmpty {
      lines += ["## Baseline entries this run no longer shows", ""]
      lines += [
        "Fixed, or changed: remove them from the baseline, so that it catches them if they come back.",
        "",
      ]
      lines += stale.map { "- \(MarkdownText.code($0))" } + [""]
    }
    lines += unspecified(report, catalogue: catalogue)
    lines += errors(report)
    lines += skipped(report)
    lines += coverage(report, catalogue: catalogue)
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func header(_ report: RunReport) -> [String] {
    let counts = ReportCounts(report)
    let capabilities = report.sut.capabilities.sorted().map { MarkdownText.code($0) }
    let result: String
    switch report.exitCode {
    case 0 where counts.divergences > 0:
      result = "conformant apart from \(plural(counts.divergences, "known divergence"))."
    case 0:
      result = "conformant."
    case 3:
      result = "the SUT could not be run: every judged case is an error."
    default:
      result =
        "not conformant: \(plural(counts.new, "new divergence")), "
        + "\(plural(counts.error, "error"))."
    }
    return [
      "# Conformance of \(MarkdownText.text(report.sut.name)) at level `\(report.level.rawValue)`",
      "",
      "Run \(MarkdownText.code(report.runName)); profile \(MarkdownText.code(report.sut.profile)); "
        + "capabilities: \(capabilities.isEmpty ? "none" : capabilities.joined(separator: ", ")).",
      "",
      "**Result** (exit code \(report.exitCode)): \(result)",
      "",
    ]
  }

  private static func countsTable(_ report: RunReport) -> [String] {
    let counts = ReportCounts(report)
    let values = [
      counts.pass, counts.fail, counts.skipped, counts.error, counts.divergences,
      counts.unspecified, counts.new,
    ]
    return [
      "## Counts",
      "",
      MarkdownText.row(["Pass", "Fail", "Skipped", "Error", "Divergences", "Unspecified", "New"]),
      MarkdownText.row(Array(repeating: "---:", count: values.count)),
      MarkdownText.row(values.map(String.init)),
      "",
    ]
  }

  private static func divergenceTable(_ divergences: [Divergence]) -> [String] {
    guard !divergences.isEmpty else { return ["None.", ""] }
    var lines = [
      MarkdownText.row(["Key", "Rule", "Command", "Expected", "Observed"]),
      MarkdownText.row(Array(repeating: "---", count: 5)),
    ]
    for divergence in divergences {
      lines.append(
        MarkdownText.row([
          MarkdownText.code(divergence.key),
          "\(MarkdownText.text(divergence.rule.rawValue)) (\(divergence.strength.rawValue))",
          MarkdownText.code(divergence.command, limit: ReportText.shortLimit),
          MarkdownText.code(divergence.expected, limit: ReportText.shortLimit),
          MarkdownText.code(divergence.observed, limit: ReportText.shortLimit),
        ]))
    }
    return lines + [""]
  }

  private static func unspecified(_ report: RunReport, catalogue: [Rule]) -> [String] {
    var lines = [
      "## Unspecified (inferred rules)",
      "",
      "These divergences are on rules that the model inferred where the documents are silent or "
        + "contradict each other. They do not fail the run below `strict`.",
      "",
    ]
    let divergences = report.orderedCases.flatMap { $0.divergences.filter(\.unspecified) }
    guard !divergences.isEmpty else { return lines + ["None.", ""] }
    for divergence in divergences {
      let limit = ReportText.shortLimit
      lines.append(
        "- \(MarkdownText.code(divergence.key)) (\(MarkdownText.text(divergence.rule.rawValue)), "
          + "\(divergence.strength.rawValue)): "
          + "\(MarkdownText.code(divergence.command, limit: limit)) expected "
          + "\(MarkdownText.code(divergence.expected, limit: limit)), observed "
          + "\(MarkdownText.code(divergence.observed, limit: limit)).")
      let rule = catalogue.first { $0.id == divergence.rule }
      let reasoning: String =
        switch rule?.source {
        case .inferred(let reason)?: ReportText.oneLine(reason)
        case .documented?: "the catalogue lists this rule as documented."
        case nil: "the rule is not in the catalogue."
        }
      lines.append("  Reasoning: \(reasoning)")
    }
    return lines + [""]
  }

  private static func errors(_ report: RunReport) -> [String] {
    let lines: [String] = report.orderedCases.compactMap { result in
      guard case .error(let message) = result.verdict else { return nil }
      let known = report.baseline.contains(RunReport.errorKey(result.scenario))
      return "- \(MarkdownText.code(result.scenario)) (\(MarkdownText.code(result.path)))"
        + (known ? " (known, in the baseline)" : "") + ": " + MarkdownText.code(message)
    }
    return ["## Errors", ""] + (lines.isEmpty ? ["None."] : lines) + [""]
  }

  private static func skipped(_ report: RunReport) -> [String] {
    var byReason: [String: [String]] = [:]
    for result in report.orderedCases {
      if case .skipped(let reason) = result.verdict {
        byReason[reason, default: []].append(result.scenario)
      }
    }
    let lines = byReason.sorted { $0.key < $1.key }.map { reason, scenarios in
      "- \(MarkdownText.text(reason)) (\(scenarios.count)): "
        + scenarios.map { MarkdownText.code($0) }.joined(separator: ", ")
    }
    return ["## Skipped", ""] + (lines.isEmpty ? ["None."] : lines) + [""]
  }

  private static func coverage(_ report: RunReport, catalogue: [Rule]) -> [String] {
    let coverage = report.coverage(in: catalogue)
    let missing = coverage.filter(\.scenarios.isEmpty).map(\.rule)
    var lines = [
      "## Rule coverage",
      "",
      "\(coverage.count - missing.count) of \(plural(coverage.count, "rule")) are exercised by "
        + "at least one scenario of this run.",
      "",
    ]
    guard !missing.isEmpty else { return lines }
    lines += ["Rules with no scenario:", ""]
    for rule in missing {
      lines.append(
        "- \(MarkdownText.text(rule.id.rawValue)) (\(rule.strength.rawValue)): "
          + ReportText.oneLine(rule.summary))
    }
    return lines + [""]
  }

  private static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}
