package import ReferenceModel

/// One place where the SUT answered differently from the model.
///
/// `key` is stable across runs (`<scenario-id>/<step>/<field>`), so reports can be diffed and
/// baselines can list known divergences. A divergence on an `inferred` rule is `unspecified`
/// below the strict level: reported apart, with the rule's reasoning, and not failing the run.
/// Spec: sut-contract.md §2 "strength"; house-style.md §4 (de-duplication key, after cryptofuzz).
package struct Divergence: Hashable, Sendable {
  /// The scenario's id.
  package var scenario: String
  /// 1-based step number in the scenario (0 for the end-of-case state check).
  package var step: Int
  /// The session that ran the step.
  package var session: String
  /// The command line as written in the scenario.
  package var command: String
  /// What differs: `outcome`, `data`, `message`, `state`, `help`, `file`, or `action` (the
  /// model itself could not do a `[harness]` step: the scenario is wrong, not the SUT).
  package var field: String
  package var expected: String
  package var observed: String
  /// The rule that decided the model's answer.
  package var rule: RuleID
  package var strength: Rule.Strength
  /// True when the divergence does not fail the run at this level (inferred rule, not strict).
  package var unspecified: Bool

  package init(
    scenario: String, step: Int, session: String, command: String, field: String,
    expected: String, observed: String, rule: RuleID, strength: Rule.Strength, unspecified: Bool
  ) {
    self.scenario = scenario
    self.step = step
    self.session = session
    self.command = command
    self.field = field
    self.expected = expected
    self.observed = observed
    self.rule = rule
    self.strength = strength
    self.unspecified = unspecified
  }

  /// The field of a divergence where the model could not do a `[harness]` token action.
  package static let modelCannotActField = "action"

  /// Whether the scenario (or generated trace) is at fault, not the SUT: the model could not
  /// do one of its `[harness]` steps, such as approving a file no command wrote.
  package var scenarioIsWrong: Bool { field == Self.modelCannotActField }

  /// The stable de-duplication key: `<scenario-id>/<step>/<field>`.
  package var key: String { "\(scenario)/\(step)/\(field)" }
}
