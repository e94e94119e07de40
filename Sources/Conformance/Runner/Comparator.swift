package import ReferenceModel

/// Compares one SUT observation with the model's answer and names the rule that differs.
///
/// Outcomes are compared on success versus failure; successful `data` structurally with
/// object keys in any order; at strict, a refusal's message where the documents give it. A `user list` that has the model's users in another order is a
/// divergence on the inferred ordering rule only (HSM-LIST-003); a differing entry is
/// attributed to the rule behind the differing field.
/// Spec: sut-contract.md §2 "What is compared, by level".
package struct Comparator: Sendable {
  package var level: ComparisonLevel
  package var scenario: String

  package init(level: ComparisonLevel, scenario: String) {
    self.level = level
    self.scenario = scenario
  }

  /// The divergences of step `number` (1-based).
  package func compare(
    _ expected: ModelStep, _ observed: Observation, step number: Int, _ step: Scenario.Step
  ) -> [Divergence] {
    func divergence(_ field: String, _ expected: String, _ observed: String, _ rule: RuleID)
      -> Divergence
    {
      make(number, step, field, expected, observed, rule)
    }
    switch (expected, observed) {
    case (.outcome(let outcome), .answer(let envelope)):
      return compare(outcome, envelope, number, step)
    case (.outcome(let outcome), _):
      return [divergence("outcome", describe(outcome), describe(observed), outcome.rule)]
    case (.help, .help(let text, let json)):
      if let first = json.first {
        return [
          divergence(
            "outcome", "help text and no JSON answer", "a JSON answer: \(first.compactText)",
            "HSM-SYNTAX-009")
        ]
      }
      guard text.contains("Usage") else {
        return [divergence("help", "help text with a Usage line", "'\(text)'", "HSM-SYNTAX-009")]
      }
      return []
    case (.help, _):
      return [divergence("outcome", "help text", describe(observed), "HSM-SYNTAX-009")]
    case (.ended, .ended): return []
    case (.done(nil), .done(nil)): return []
    case (.done(let problem?), _):
      // The model could not do the action: the scenario itself is wrong.
      return [
        divergence(
          Divergence.modelCannotActField, "the action can be done", problem, "HSM-TOKEN-001")
      ]
    case (.done(nil), .done(let problem?)):
      return [divergence("file", "a token file the action can use", problem, "HSM-TOKEN-001")]
    case (.done, _):
      return [divergence("outcome", "a token action", describe(observed), "HSM-TOKEN-001")]
    case (.ended, _):
      return [divergence("outcome", "the session ends", describe(observed), "HSM-LOGOUT-003")]
    }
  }

  /// The end-of-case state check: `user list` must show the model's users (state level).
  /// `expected` is the model's `data`; `observed` the SUT's whole envelope.
  package func compareState(expected: JSONValue, observed: JSONValue) -> [Divergence] {
    let step = Scenario.Step(session: "state", line: "user list")
    guard observed["error_code"] == .int(0) else {
      return [
        make(
          0, step, "state", "success: \(expected.compactText)", observed.compactText, "HSM-LIST-001"
        )
      ]
    }
    return compareData(
      expected, observed["data"] ?? .null, rule: "HSM-LIST-001", 0, step, field: "state")
  }

  private func compare(
    _ outcome: Outcome, _ envelope: JSONValue, _ number: Int, _ step: Scenario.Step
  )
    -> [Divergence]
  {
    let observedData = envelope["data"] ?? .null
    let observedOK = envelope["error_code"] == .int(0)
    switch (outcome.result, observedOK) {
    case (.accepted(let data), true):
      return compareData(data, observedData, rule: outcome.rule, number, step, field: "data")
    case (.rejected(let rejection), false):
      // At strict, a message the documents give verbatim must be that text (sut-contract §2).
      guard level == .strict, outcome.messageIsDocumented,
        envelope["data"] != .string(rejection.message)
      else { return [] }
      return [
        make(
          number, step, "message", rejection.message.debugDescription,
          envelope["data"]?.compactText ?? "no data", outcome.rule)
      ]
    default:
      return [
        make(number, step, "outcome", describe(outcome), describe(.answer(envelope)), outcome.rule)
      ]
    }
  }

  private func compareData(
    _ expected: JSONValue, _ observed: JSONValue, rule: RuleID, _ number: Int,
    _ step: Scenario.Step, field: String
  ) -> [Divergence] {
    if expected.normalized == observed.normalized { return [] }
    if case .array(let expectedUsers)? = expected["users"],
      case .array(let observedUsers)? = observed["users"]
    {
      let byName: (JSONValue, JSONValue) -> Bool = {
        ($0["username"]?.compactText ?? "") < ($1["username"]?.compactText ?? "")
      }
      let sortedExpected = expectedUsers.map(\.normalized).sorted(by: byName)
      let sortedObserved = observedUsers.map(\.normalized).sorted(by: byName)
      if sortedExpected == sortedObserved {
        return [
          make(
            number, step, field == "state" ? "state-order" : "order", names(expectedUsers),
            names(observedUsers), "HSM-LIST-003")
        ]
      }
      let culprit = Self.attribute(sortedExpected, sortedObserved) ?? rule
      return [
        make(number, step, field, expected.compactText, observed.compactText, culprit)
      ]
    }
    // A username echoed in another case breaks the case rule, whatever decided the answer.
    var culprit = rule
    if case .string(let e)? = expected["username"], case .string(let o)? = observed["username"],
      e != o, e.lowercased() == o.lowercased()
    {
      culprit = "HSM-NAME-003"
    }
    return [make(number, step, field, expected.compactText, observed.compactText, culprit)]
  }

  /// The rule behind the first differing `user list` entry field.
  static func attribute(_ expected: [JSONValue], _ observed: [JSONValue]) -> RuleID? {
    guard expected.count == observed.count else { return nil }
    for (e, o) in zip(expected, observed) where e != o {
      if e["username"] != o["username"] { return "HSM-NAME-003" }
      if e["locked"] != o["locked"] { return "HSM-LOCK-001" }
      return "HSM-LIST-002"
    }
    return nil
  }

  private func names(_ users: [JSONValue]) -> String {
    users.compactMap { if case .string(let name)? = $0["username"] { name } else { nil } }
      .joined(separator: ", ")
  }

  private func make(
    _ number: Int, _ step: Scenario.Step, _ field: String, _ expected: String, _ observed: String,
    _ rule: RuleID
  ) -> Divergence {
    let strength = RuleCatalogue.rule(rule)?.strength ?? .documented
    return Divergence(
      scenario: scenario, step: number, session: step.session.rawValue, command: step.line,
      field: field, expected: Self.bounded(expected), observed: Self.bounded(observed),
      rule: rule, strength: strength, unspecified: strength == .inferred && level != .strict)
  }

  /// The longest text a divergence keeps of what was expected or observed: a SUT's 100 MB
  /// answer must not make every report file 100 MB.
  package static let maximumTextLength = 4_000

  /// `text`, cut to `maximumTextLength` characters with a note of how much was left out.
  package static func bounded(_ text: String) -> String {
    let kept = text.prefix(maximumTextLength)
    guard kept.endIndex != text.endIndex else { return text }
    return kept + " … (\(text[kept.endIndex...].count) more characters)"
  }

  private func describe(_ outcome: Outcome) -> String {
    switch outcome.result {
    case .accepted(let data): "success: \(data.compactText)"
    case .rejected(let rejection): "failure (error_code \(rejection.errorCode))"
    }
  }

  private func describe(_ observation: Observation) -> String {
    switch observation {
    case .answer(let envelope):
      envelope["error_code"] == .int(0)
        ? "success: \((envelope["data"] ?? .null).compactText)"
        : "failure: \(envelope.compactText)"
    case .help(let text, _): "help text: \(text.prefix(60))"
    case .ended: "the session ended"
    case .done(let problem): problem.map { "the action failed: \($0)" } ?? "the action was done"
    }
  }
}
