/// The stable identifier of a rule, such as `HSM-CHPW-003`.
///
/// IDs never change meaning once published: reports, baselines and de-duplication keys refer to
/// them. A retired rule keeps its ID out of use.
/// Spec: sut-contract.md §2 "strength"; issue "rule catalogue".
package struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  package var rawValue: String
  package init(rawValue: String) { self.rawValue = rawValue }
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package init(stringLiteral value: String) { self.rawValue = value }
  package var description: String { rawValue }
  package static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension RuleID {
  /// Whether this is an MFA or quorum rule: one whose cases need token files and signatures
  /// (`HSM-MFA-`, `HSM-MFALOGIN-`, `HSM-QUORUM-`, `HSM-QGEN-`, `HSM-QREG-`, `HSM-TOKEN-`).
  /// Generators that make no token files, and the Hypothesis peer, leave these rules out.
  /// Spec: issue #6 (MFA and quorum); spec-digest.md §2.8–§2.10.
  package var isTokenRule: Bool {
    ["HSM-MFA-", "HSM-MFALOGIN-", "HSM-QUORUM-", "HSM-QGEN-", "HSM-QREG-", "HSM-TOKEN-"]
      .contains { rawValue.hasPrefix($0) }
  }
}
