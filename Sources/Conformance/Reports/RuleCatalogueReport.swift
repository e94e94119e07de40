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
