/// One rule of the reference model: an ID, one sentence, and where it comes from.
///
/// A rule is `documented` when the sources state it, and `inferred` when the model chose because
/// the sources are silent or contradict each other; an inferred rule carries its reason, and a
/// divergence on it is reported apart as "unspecified" below the strict level.
/// Spec: sut-contract.md §2 "Every rule has a strength".
package struct Rule: Hashable, Sendable {
  /// Where a rule comes from.
  package enum Source: Hashable, Sendable {
    /// The named document states it, in the named section.
    case documented(document: String, section: String)
    /// No document states it; the model chose, for the given reason.
    case inferred(reason: String)
  }

  /// The strength of a rule, as reports show it.
  package enum Strength: String, Hashable, Sendable {
    case documented
    case inferred
  }

  package var id: RuleID
  package var summary: String
  package var source: Source

  package init(_ id: RuleID, _ summary: String, _ source: Source) {
    self.id = id
    self.summary = summary
    self.source = source
  }

  package var strength: Strength {
    if case .documented = source { return .documented }
    return .inferred
  }

  /// The source as one line: `document § section`, or `inferred: reason`.
  package var sourceText: String {
    switch source {
    case .documented(let document, let section): "\(document) § \(section)"
    case .inferred(let reason): "inferred: \(reason)"
    }
  }
}

extension Rule.Source {
  static func users(_ section: String) -> Self {
    .documented(document: "cloudhsm-cli-managing-hsm-users.md", section: section)
  }
  static func changePassword(_ section: String) -> Self {
    .documented(document: "cloudhsm-cli-change-password.md", section: section)
  }
  static func digest(_ section: String) -> Self {
    .documented(document: "spec-digest.md", section: section)
  }
  static func contract(_ section: String) -> Self {
    .documented(document: "sut-contract.md", section: section)
  }
}
