package import ReferenceModel

/// The rule catalogue as Markdown and as JSON, for `harness rules`.
///
/// Pure functions of the catalogue: deterministic text, rules in ID order, JSON keys sorted.
/// Spec: issue "rule catalogue" (`harness rules`, `harness rules --json`).
package enum RuleCatalogueReport {
  /// A Markdown document: a count line, then one table row per rule.
  package static func markdown(_ rules: [Rule] = RuleCatalogue.all) -> String {
    let documented = rules.filter { $0.strength == .documented }.count
    var lines = [
      "# Rule catalogue",
      "",
      "\(rules.count) rules: \(documented) documented, \(rules.count - documented) inferred. "
        + "An inferred rule is the model's choice where the sources are silent or contradict "
        + "each other; below the strict level a divergence on it is reported as unspecified.",
      "",
      "| ID | Strength | Rule | Source |",
      "| --- | --- | --- | --- |",
    ]
    for rule in rules {
      let cells = [rule.id.rawValue, rule.strength.rawValue, rule.summary, rule.sourceText]
      lines.append("| " + cells.map(escapeCell).joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A JSON array of `{id, strength, summary, source: {document, section} | {reason}}`.
  package static func json(_ rules: [Rule] = RuleCatalogue.all) -> String {
    let items: [JSONValue] = rules.map { rule in
      let source: JSONValue =
        switch rule.source {
        case .documented(let document, let section):
          .object([("document", .string(document)), ("section", .string(section))])
        case .inferred(let reason): .object([("reason", .string(reason))])
        }
      return .object([
        ("id", .string(rule.id.rawValue)), ("source", source),
        ("strength", .string(rule.strength.rawValue)), ("summary", .string(rule.summary)),
      ])
    }
    return JSONValue.array(items).normalized.prettyText + "\n"
  }

  /// For each rule, the ids of the scenarios whose header names it.
  package static func coverage(of scenarios: [Scenario], rules: [Rule] = RuleCatalogue.all)
    -> [(rule: Rule, scenarios: [String])]
  {
    rules.map { rule in (rule, scenarios.filter { $0.rules.contains(rule.id) }.map(\.id).sorted()) }
  }

  /// The coverage as Markdown: a summary line, then one row per rule.
  package static func coverageMarkdown(_ coverage: [(rule: Rule, scenarios: [String])]) -> String {
    let missing = coverage.filter { $0.scenarios.isEmpty }.map(\.rule.id.rawValue)
    var lines = [
      "# Rule coverage by scenarios", "",
      "\(coverage.count - missing.count) of \(coverage.count) rules are exercised by a scenario."
        + (missing.isEmpty ? "" : " Not covered: \(missing.joined(separator: ", "))."),
      "", "| ID | Strength | Scenarios |", "| --- | --- | --- |",
    ]
    for (rule, scenarios) in coverage {
      let list =
        scenarios.isEmpty ? "**none**" : "\(scenarios.count): " + scenarios.joined(separator: ", ")
      lines.append("| \(rule.id) | \(rule.strength.rawValue) | \(escapeCell(list)) |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The coverage as JSON: `[{id, scenarios}]`, sorted.
  package static func coverageJSON(_ coverage: [(rule: Rule, scenarios: [String])]) -> String {
    let items: [JSONValue] = coverage.map {
      .object([
        ("id", .string($0.rule.id.rawValue)),
        ("scenarios", .array($0.scenarios.map { .string($0) })),
      ])
    }
    return JSONValue.array(items).prettyText + "\n"
  }

  private static func escapeCell(_ text: String) -> String {
    text.replacingAll("|", with: "\\|")
  }
}

extension String {
  /// Every occurrence of `target` replaced (stdlib only, no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
