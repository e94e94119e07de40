package import ReferenceModel

/// The properties every single step of the model keeps, whatever the command.
///
/// After any step: `checkInvariants()` finds nothing; every rule the outcome names (its own
/// and its effects') is in `RuleCatalogue`; and a rejection that lists no effects has left the
/// state exactly as it was. Shared by the command-line and the model fuzz targets.
/// Spec: house-style.md §5 (stateful property, invariants after every step) and §6; issue #7.
package enum ModelStepCheck {
  /// The IDs of `RuleCatalogue.all`, for a constant-time membership test.
  static let cataloguedRules = Set(RuleCatalogue.all.map(\.id))

  /// The violations of one step that turned `before` into `after` with `outcome`; `step`
  /// describes the step in the violations' details, and `invariantsBefore`, if given, is
  /// `before.checkInvariants()` (see below).
  package static func check(
    _ step: @autoclosure () -> String, before: ClusterState, after: ClusterState,
    outcome: Outcome, invariantsBefore: [InvariantViolation]? = nil
  ) -> [PropertyViolation] {
    check(
      step(), before: before, after: after, rules: outcome.rules,
      isUnchangingRejection: !outcome.isAccepted && outcome.effects.isEmpty,
      invariantsBefore: invariantsBefore)
  }

  /// The violations of a step that named `rules`; when `isUnchangingRejection`, the state
  /// must not have changed.
  ///
  /// The invariants are a function of the state, so when such a rejection did leave the
  /// state as it was, `invariantsBefore` (if given) stands for checking `after` again: most
  /// commands are refused, and the fuzz targets check every step.
  package static func check(
    _ step: @autoclosure () -> String, before: ClusterState, after: ClusterState,
    rules: [RuleID], isUnchangingRejection: Bool, invariantsBefore: [InvariantViolation]? = nil
  ) -> [PropertyViolation] {
    var violations: [PropertyViolation] = []
    let unchanged = isUnchangingRejection && after == before
    let invariants =
      unchanged ? invariantsBefore ?? after.checkInvariants() : after.checkInvariants()
    for broken in invariants {
      violations.append(
        PropertyViolation(
          kind: "invariant-\(broken.invariant)", detail: "after \(step()): \(broken.detail)"))
    }
    for rule in rules where !cataloguedRules.contains(rule) {
      violations.append(
        PropertyViolation(
          kind: "uncatalogued-rule", detail: "\(step()) names \(rule), not in RuleCatalogue"))
    }
    if isUnchangingRejection && !unchanged {
      violations.append(
        PropertyViolation(
          kind: "rejection-changed-state",
          detail: "\(step()) was rejected with no effects but changed the cluster"))
    }
    return violations
  }
}
