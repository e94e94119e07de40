package import ReferenceModel

/// The divergences a vendor already knows about: a run that finds only these exits with 0.
///
/// A baseline is read from either of two files:
/// - a `report.json` (format `user-rules-conformance/report@1`): its failing divergences
///   (those not unspecified) are the baseline;
/// - a baseline file, which `render(from:)` writes and people then annotate:
///   ```
///   { "format": "user-rules-conformance/baseline@1",
///     "divergences": [ { "key": String, "rule": String (optional), "note": String (optional) } ] }
///   ```
///   Entries are sorted by key. Unknown keys and a key listed twice are errors, since a
///   misspelt baseline would silently stop excusing a divergence.
/// Only `key` decides whether a divergence is known; `rule` and `note` are for people. A key
/// `<scenario-id>/error` accepts that case's `error` verdict.
/// Spec: sut-contract.md §4 ("only divergences listed in the baseline" exit 0).
package struct Baseline: Hashable, Sendable {
  /// One known divergence.
  package struct Entry: Hashable, Sendable {
    /// `<scenario-id>/<step>/<field>`, as `Divergence.key`.
    package var key: String
    package var rule: RuleID?
    /// Why the divergence is accepted (empty when nobody said).
    package var note: String

    package init(key: String, rule: RuleID? = nil, note: String = "") {
      self.key = key
      self.rule = rule
      self.note = note
    }
  }

  /// The value of a baseline file's `format` key.
  package static let format = "user-rules-conformance/baseline@1"

  /// Sorted by key, each key once.
  package var entries: [Entry]

  /// Sorts `entries` by key, keeping the first of a key that repeats.
  package init(entries: [Entry]) {
    var seen: Set<String> = []
    self.entries = entries.filter { seen.insert($0.key).inserted }.sorted { $0.key < $1.key }
  }

  /// The divergence keys, as `RunReport.baseline` takes them.
  package var keys: Set<String> { Set(entries.map(\.key)) }

  /// The baseline in `bytes`, a `report.json` or a baseline file; `file` names it in errors.
  package static func load(bytes: [UInt8], file: String) throws(ReportFileError) -> Baseline {
    let value: JSONValue
    do {
      value = try JSONReader.parse(bytes)
    } catch {
      throw ReportFileError(error, file: file)
    }
    do {
      return try parse(value)
    } catch {
      throw ReportFileError(error, file: file, bytes: bytes)
    }
  }

  /// The baseline in a value read from a `report.json` or a baseline file.
  package static func parse(_ value: JSONValue) throws(ReportFormatError) -> Baseline {
    let root = try ReportFields(value, at: [])
    try ReportJSON.checkFormat(of: root, accepting: [format, ReportJSON.format])
    if try root.string("format") == ReportJSON.format {
      let report = try ReportJSON.parse(value)
      let entries = report.divergences.filter { !$0.unspecified }.map {
        Entry(key: $0.key, rule: $0.rule)
      }
      return Baseline(entries: entries)
    }
    try root.rejectUnknownKeys(allowed: ["format", "divergences"])
    var entries: [Entry] = []
    var seen: Set<String> = []
    for item in try root.objects("divergences") {
      try item.rejectUnknownKeys(allowed: ["key", "rule", "note"])
      let key = try item.string("key")
      guard seen.insert(key).inserted else {
        throw ReportFormatError(.duplicateKey(key), at: item.path + [.key("key")])
      }
      entries.append(
        Entry(
          key: key, rule: try item.optionalString("rule").map(RuleID.init(rawValue:)),
          note: try item.optionalString("note") ?? ""))
    }
    return Baseline(entries: entries)
  }

  /// A baseline file listing every failing divergence of `report`, sorted by key, each with
  /// its rule and a note giving the expected and observed values (shortened).
  package static func render(from report: RunReport) -> String {
    let entries = report.failingDivergences.map { divergence in
      let note =
        "expected \(ReportText.oneLine(divergence.expected)), "
        + "observed \(ReportText.oneLine(divergence.observed))"
      return Entry(key: divergence.key, rule: divergence.rule, note: ReportText.shortened(note))
    }
    let errors = report.cases.compactMap { result -> Entry? in
      guard case .error(let message) = result.verdict else { return nil }
      return Entry(
        key: RunReport.errorKey(result.scenario),
        note: ReportText.shortened("error: " + ReportText.oneLine(message)))
    }
    return Baseline(entries: entries + errors).rendered
  }

  /// The text of the baseline file for these entries.
  package var rendered: String {
    let items: [JSONValue] = entries.map { entry in
      var members: [(key: String, value: JSONValue)] = [
        ("key", .string(entry.key)), ("note", .string(entry.note)),
      ]
      if let rule = entry.rule { members.append(("rule", .string(rule.rawValue))) }
      return .object(members)
    }
    let root = JSONValue.object([("format", .string(Self.format)), ("divergences", .array(items))])
    return root.normalized.prettyText + "\n"
  }
}
