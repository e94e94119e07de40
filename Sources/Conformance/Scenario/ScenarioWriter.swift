import ReferenceModel

/// Prints a scenario in the file format that `ScenarioParser` reads.
///
/// `harness scenarios --update` writes this; `--check` compares it with the file, so the text
/// must be a pure function of the scenario (round trip: parse(render(s)) == s).
/// Spec: scenarios/README.md.
package enum ScenarioWriter {
  package static func render(_ scenario: Scenario) -> String {
    var lines = [
      "# id: \(scenario.id)",
      "# description: \(scenario.description)",
      "# rules: \(scenario.rules.map(\.rawValue).joined(separator: ", "))",
      "# spec: \(scenario.spec)",
    ]
    if !scenario.requires.isEmpty {
      lines.append("# requires: \(scenario.requires.joined(separator: ", "))")
    }
    if !scenario.keys.isEmpty {
      lines.append("# keys: \(scenario.keys.joined(separator: ", "))")
    }
    if scenario.namesProfile { lines.append("# profile: cloudhsm-cli") }
    for step in scenario.steps {
      lines.append("")
      lines += step.comments
      lines.append("[\(step.session)] \(step.line)")
      lines += step.answers.map { "  < \($0)" }
      if let expectation = step.expectation { lines.append("  => " + text(expectation)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The text after `=> `.
  package static func text(_ expectation: Scenario.Expectation) -> String {
    switch expectation {
    case .ok(let rule, let data): "ok \(rule) \(data.compactText)"
    case .error(let rule): "error \(rule)"
    case .help: "help"
    case .ended: "ended"
    case .done: "done"
    }
  }
}
