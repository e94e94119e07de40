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
