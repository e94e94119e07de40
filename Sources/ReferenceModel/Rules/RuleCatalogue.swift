/// Every rule of the reference model, in ID order, with its source.
///
/// The catalogue is the vocabulary of verdicts: each `Outcome` and each `Effect` names one of
/// these IDs. `harness rules` prints it; a test fails when a rule has no test case, and when an
/// outcome names an ID that is not here.
/// Spec: issue "rule catalogue"; spec-digest.md §2 and §5.
package enum RuleCatalogue {
  /// All rules, sorted by ID.
  package static let all: [Rule] =
    (activation + login + lockout + logout + userManagement + changePassword + identifiers
    + syntax + tokenSign + quorum + iam).sorted { $0.id < $1.id }

  /// The rule with this ID, if the catalogue has it.
  package static func rule(_ id: RuleID) -> Rule? {
    all.first { $0.id == id }
  }
}
