import Conformance
import ReferenceModel

/// The few lines `harness run` prints: counts, what fails the run, and where the reports are.
enum TerminalSummary {
  static func render(_ report: RunReport, folder: String) -> String {
    var counts: [String: Int] = [:]
    for result in report.cases { counts[result.verdict.word, default: 0] += 1 }
    var lines = [
      "harness run: \(report.sut.name), level \(report.level.rawValue)",
      "  \(report.cases.count) test cases: \(counts["pass", default: 0]) pass, "
        + "\(counts["fail", default: 0]) fail, \(counts["skipped", default: 0]) skipped, "
        + "\(counts["error", default: 0]) error",
    ]
    let unspecified = report.unspecifiedDivergences.count
    if unspecified > 0 {
      lines.append(
        "  \(unspecified) unspecified divergence(s) on inferred rules (do not fail the run)")
    }
    let new = report.newDivergences
    let known = report.failingDivergences.count - new.count
    if known > 0 { lines.append("  \(known) known divergence(s) listed in the baseline") }
    let stale = report.staleBaselineKeys
    if !stale.isEmpty {
      lines.append(
        "  \(stale.count) baseline entr\(stale.count == 1 ? "y" : "ies") no longer seen (fixed? "
          + "prune the baseline; see summary.md): "
          + stale.prefix(3).joined(separator: ", ") + (stale.count > 3 ? ", …" : ""))
    }
    if !new.isEmpty {
      lines.append("  New divergences:")
      for divergence in new.prefix(20) {
        lines.append(
          "    \(divergence.key)  \(divergence.rule) (\(divergence.strength.rawValue))\n"
            + "      \(divergence.command)\n"
            + "      expected: \(divergence.expected.prefix(160))\n"
            + "      observed: \(divergence.observed.prefix(160))")
      }
      if new.count > 20 { lines.append("    … and \(new.count - 20) more (see summary.md)") }
    }
    for result in report.cases {
      if case .error(let message) = result.verdict {
        lines.append("  error in \(result.scenario): \(message)")
      }
    }
    let seconds = report.timing.seconds
    if seconds > 0 {
      lines.append(
        "  \(report.timing.steps) steps in \(format(seconds, 2)) s "
          + "(\(format(Double(report.timing.steps) / seconds, 0)) steps/s)")
    }
    lines.append("  reports: \(folder)/summary.md, report.json, junit.xml")
    lines.append(report.exitCode == 0 ? "PASS" : "FAIL (exit code \(report.exitCode))")
    return Output.printable(lines.joined(separator: "\n"))
  }
}
