package import ReferenceModel

/// Writes `report.json`, the machine-readable record of a run, and reads it back.
///
/// The text is deterministic: object keys sorted at every level, cases by scenario id,
/// divergences by step then field, two-space indentation, one trailing newline. Nothing in it
/// depends on time or scheduling, so two runs on the same input give byte-identical files;
/// wall-clock figures go to `timing.json` beside it (`harness run`). The schema:
///
/// ```
/// { "format": "user-rules-conformance/report@1",
///   "run": String, "level": "outcome" | "state" | "strict",
///   "sut": { "name": String, "profile": String, "capabilities": [String] (sorted) },
///   "counts": { "pass", "fail", "skipped", "error", "divergences", "unspecified", "new": Int },
///   "cases": [ { "scenario", "path", "description": String, "rules": [String] (sorted),
///                "verdict": "pass" | "fail" | "skipped" | "error",
///                "reason": String (skipped only), "message": String (error only),
///                "divergences": [ { "key", "session", "command", "field", "expected",
///                                   "observed", "rule": String, "step": Int,
///                                   "strength": "documented" | "inferred",
///                                   "unspecified", "baselined": Bool } ],
///                "stderr": String (only when not empty) } ],
///   "rule_coverage": [ { "rule": String, "strength": String, "scenarios": [String] } ] }
/// ```
/// `counts.divergences` counts failing divergences, `unspecified` the others, and `new` the
/// failing ones that the run's baseline does not list (so they decide exit code 1).
/// Spec: sut-contract.md §2 (levels, strength), §4 (exit codes, baseline); house-style.md §2,
/// §5 (deterministic reports).
package enum ReportJSON {
  /// `timing.json`: the run's wall-clock figures, kept out of `report.json` so that it stays
  /// byte-identical between runs.
  package static func timing(_ report: RunReport) -> String {
    let seconds = report.timing.seconds
    return JSONValue.object([
      ("seconds", .double(seconds)), ("steps", .int(Int64(report.timing.steps))),
      ("steps_per_second", .double(seconds > 0 ? Double(report.timing.steps) / seconds : 0)),
    ]).prettyText + "\n"
  }

  /// The value of the `format` key.
  package static let format = "user-rules-conformance/report@1"

  /// The text of `report.json` for `report`; `catalogue` lists the rules whose coverage is
  /// reported (the default is the model's whole catalogue).
  package static func render(_ report: RunReport, catalogue: [Rule] = RuleCatalogue.all)
    -> String
  {
    value(report, catalogue: catalogue).normalized.prettyText + "\n"
  }

  /// `report.json` as a value, with keys not yet sorted.
  static func value(_ report: RunReport, catalogue: [Rule]) -> JSONValue {
    let counts = ReportCounts(report)
    let countMembers: [(String, Int)] = [
      ("pass", counts.pass), ("fail", counts.fail), ("skipped", counts.skipped),
      ("error", counts.error), ("divergences", counts.divergences),
      ("unspecified", counts.unspecified), ("new", counts.new),
    ]
    let coverage: [JSONValue] = report.coverage(in: catalogue).map { rule, scenarios in
      .object([
        ("rule", .string(rule.id.rawValue)), ("strength", .string(rule.strength.rawValue)),
        ("scenarios", .array(scenarios.map(JSONValue.string))),
      ])
    }
    return .object([
      ("format", .string(format)),
      ("run", .string(report.runName)),
      (
        "sut",
        .object([
          ("name", .string(report.sut.name)), ("profile", .string(report.sut.profile)),
          ("capabilities", .array(report.sut.capabilities.sorted().map(JSONValue.string))),
        ])
      ),
      ("level", .string(report.level.rawValue)),
      ("counts", .object(countMembers.map { ($0.0, .int(Int64($0.1))) })),
      ("cases", .array(report.orderedCases.map { value($0, baseline: report.baseline) })),
      ("rule_coverage", .array(coverage)),
    ])
  }

  private static func value(_ result: RunReport.CaseResult, baseline: Set<String>) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("scenario", .string(result.scenario)),
      ("path", .string(result.path)),
      ("description", .string(result.description)),
      ("rules", .array(result.rules.map { .string($0.rawValue) })),
      ("verdict", .string(result.verdict.word)),
      ("divergences", .array(result.divergences.map { value($0, baseline: baseline) })),
    ]
    switch result.verdict {
    case .skipped(let reason): members.append(("reason", .string(reason)))
    case .error(let message): members.append(("message", .string(message)))
    case .pass, .fail: break
    }
    if !result.stderr.isEmpty { members.append(("stderr", .string(result.stderr))) }
    return .object(members)
  }

  private static func value(_ divergence: Divergence, baseline: Set<String>) -> JSONValue {
    .object([
      ("key", .string(divergence.key)),
      ("step", .int(Int64(divergence.step))),
      ("session", .string(divergence.session)),
      ("command", .string(divergence.command)),
      ("field", .string(divergence.field)),
      ("expected", .string(divergence.expected)),
      ("observed", .string(divergence.observed)),
      ("rule", .string(divergence.rule.rawValue)),
      ("strength", .string(divergence.strength.rawValue)),
      ("unspecified", .bool(divergence.unspecified)),
      ("baselined", .bool(baseline.contains(divergence.key))),
    ])
  }
}
