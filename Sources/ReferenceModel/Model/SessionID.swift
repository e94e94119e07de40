/// The name of one interactive session on the cluster, such as `admin` or `alice`.
///
/// Scenario steps name their session (`[admin] login …`); the harness starts one SUT process
/// per name, all on the same cluster.
/// Spec: sut-contract.md §2 "A test case may use several sessions at once".
package struct SessionID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  package var rawValue: String
  package init(rawValue: String) { self.rawValue = rawValue }
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package init(stringLiteral value: String) { self.rawValue = value }
  package var description: String { rawValue }
  package static func < (lhs: SessionID, rhs: SessionID) -> Bool { lhs.rawValue < rhs.rawValue }
}
