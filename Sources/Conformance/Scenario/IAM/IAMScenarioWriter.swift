import ReferenceModel

/// Prints an IAM scenario in the file format `IAMScenarioParser` reads; and pins expectations.
///
/// Values are written bare when they are non-empty printable ASCII without spaces, quotes or
/// backslashes, and as JSON strings otherwise.
/// Spec: scenarios/README.md ("IAM scenarios").
package enum IAMScenarioWriter {
  package static func render(_ scenario: IAMScenario) -> String {
    var lines = [
      "# id: \(scenario.id)",
      "# description: \(scenario.description)",
      "# rules: \(scenario.rules.map(\.rawValue).joined(separator: ", "))",
      "# spec: \(scenario.spec)",
      "# profile: iam",
    ]
    if !scenario.requires.isEmpty {
      lines.append("# requires: \(scenario.requires.joined(separator: ", "))")
    }
    for step in scenario.steps {
      lines.append("")
      lines += step.comments
      lines.append("[\(step.caller)] \(step.line)")
      if let expectation = step.expectation { lines.append("  => " + text(expectation)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  package static func text(_ expectation: IAMScenario.Expectation) -> String {
    switch expectation {
    case .ok(let rule, nil): "ok \(rule)"
    case .ok(let rule, let data?): "ok \(rule) \(data.compactText)"
    case .error(let rule, let code): "error \(rule) \(code)"
    }
  }

  package static func value(_ text: String) -> String {
    let bare =
      !text.isEmpty && !text.hasPrefix("\"")
      && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    return bare ? text : JSONValue.string(text).compactText
  }

  /// The scenario with every expectation replaced by the model's answer.
  package static func pinned(_ scenario: IAMScenario) -> IAMScenario {
    var model = IAMCaseModel()
    var result = scenario
    for index in result.steps.indices {
      result.steps[index].expectation = model.run(result.steps[index]).expectation
    }
    return result
  }

  /// Steps whose pinned expectation differs from the model's: (line, pinned, model).
  package static func stale(_ scenario: IAMScenario) -> [(line: Int, pinned: String, model: String)]
  {
    let fresh = pinned(scenario)
    return zip(scenario.steps, fresh.steps).compactMap { old, new in
      guard old.expectation != new.expectation else { return nil }
      return (
        old.lineNumber, old.expectation.map(text) ?? "(none)", new.expectation.map(text) ?? "(none)"
      )
    }
  }
}
