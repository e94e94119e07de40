import ReferenceModel

/// How the divergences of two runs differ, by their stable keys: for `harness diff`.
///
/// - `new`: keys in the new report only; `fixed`: keys in the old report only; `unchanged`:
///   keys in both.
/// - `changed` is the part of `unchanged` whose rule, expected value, observed value or
///   unspecified flag differs: the same place still diverges, but differently (a SUT that now
///   fails with another error, say). It counts as unchanged, since a baseline that lists the
///   key still excuses it, and the text lists it apart so the difference is seen.
/// - `hasNew` is true when a new divergence fails the run (is not unspecified), which is when
///   `harness diff` exits with 1.
/// Unspecified divergences are compared like the others and marked as such. Timing is not part
/// of `ParsedReport`, so two runs that differ only in timing have no differences.
/// Spec: sut-contract.md §4 (new divergences, exit 1); issue #4 "Reports" (`harness diff`).
package struct ReportDiff: Hashable, Sendable {
  /// The earlier run.
  package var oldReport: ParsedReport
  /// The later run.
  package var newReport: ParsedReport
  /// Keys only in the new report, sorted.
  package var new: [String]
  /// Keys only in the old report, sorted.
  package var fixed: [String]
  /// Keys in both reports, sorted.
  package var unchanged: [String]
  /// The keys of `unchanged` whose divergence differs in some detail, sorted.
  package var changed: [String]

  /// Compares two runs' divergences.
  package static func diff(old: ParsedReport, new: ParsedReport) -> ReportDiff {
    let before = Dictionary(old.divergences.map { ($0.key, $0) }) { first, _ in first }
    let after = Dictionary(new.divergences.map { ($0.key, $0) }) { first, _ in first }
    let unchanged = after.keys.filter { before[$0] != nil }.sorted()
    return ReportDiff(
      oldReport: old, newReport: new,
      new: after.keys.filter { before[$0] == nil }.sorted(),
      fixed: before.keys.filter { after[$0] == nil }.sorted(),
      unchanged: unchanged,
      changed: unchanged.filter { before[$0] != after[$0] })
  }

  /// True when a divergence that fails the run is new.
  package var hasNew: Bool {
    new.contains { key in newReport.divergences.contains { $0.key == key && !$0.unspecified } }
  }

  /// One line: `2 new, 1 fixed, 5 unchanged (1 changed)`.
  package var summary: String {
    var line = "\(new.count) new, \(fixed.count) fixed, \(unchanged.count) unchanged"
    if !changed.isEmpty { line += " (\(changed.count) changed)" }
    return line
  }

  /// Plain text for a terminal: the new, fixed and changed divergences with their details,
  /// then the summary line. Unchanged divergences are only counted.
  package func render() -> String {
    var lines: [String] = []
    if !oldReport.level.isEmpty, !newReport.level.isEmpty, oldReport.level != newReport.level {
      lines += [
        "note: the runs compared at different levels (\(oldReport.level), \(newReport.level))", "",
      ]
    }
    lines += section("New", keys: new, marker: "+", in: newReport) { entry in
      ["expected: " + Self.show(entry.expected), "observed: " + Self.show(entry.observed)]
    }
    lines += section("Fixed", keys: fixed, marker: "-", in: oldReport) { _ in [] }
    lines += section("Changed", keys: changed, marker: "~", in: newReport) { entry in
      changes(of: entry)
    }
    lines.append(summary)
    return lines.joined(separator: "\n") + "\n"
  }

  private func section(
    _ title: String, keys: [String], marker: String, in report: ParsedReport,
    details: (ParsedReport.Entry) -> [String]
  ) -> [String] {
    guard !keys.isEmpty else { return [] }
    var lines = ["\(title) (\(keys.count)):"]
    for key in keys {
      guard let entry = report.divergences.first(where: { $0.key == key }) else { continue }
      let flag = entry.unspecified ? " (unspecified)" : ""
      lines.append("  \(marker) \(key)  \(entry.rule)\(flag)")
      lines += details(entry).map { "      " + $0 }
    }
    return lines + [""]
  }

  /// `field was: …` and `field now: …` for each detail that differs from the old report.
  private func changes(of entry: ParsedReport.Entry) -> [String] {
    guard let before = oldReport.divergences.first(where: { $0.key == entry.key }) else {
      return []
    }
    let fields: [(String, String, String)] = [
      ("rule", before.rule.rawValue, entry.rule.rawValue),
      ("expected", before.expected, entry.expected),
      ("observed", before.observed, entry.observed),
      ("unspecified", String(before.unspecified), String(entry.unspecified)),
    ]
    return fields.filter { $0.1 != $0.2 }.flatMap { name, was, now in
      ["\(name) was: " + Self.show(was), "\(name) now: " + Self.show(now)]
    }
  }

  private static func show(_ value: String) -> String {
    ReportText.shortened(ReportText.oneLine(value))
  }
}
