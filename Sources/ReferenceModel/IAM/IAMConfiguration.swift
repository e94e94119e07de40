import ReferenceModel

/// The IAM model's parameters: the places where the documents leave a number or a switch open.
///
/// Spec: spec-digest.md §5 Q19, Q20, Q23; §4.2 (EntityTemporarilyUnmodifiable, LimitExceeded).
package struct IAMConfiguration: Hashable, Sendable {
  /// The account ID in ARNs.
  package var accountID = "123456789012"
  /// Whether IAM's default password rules apply when no account policy is set (Q23: only
  /// "upgraded" accounts enforce them).
  package var defaultPolicyEnforced = true
  /// How long a user name stays temporarily unmodifiable after it was deleted and created again.
  package var temporarilyUnmodifiableSeconds: Int64 = 300
  /// How many times one user may change their own password within `passwordChangeWindowSeconds`
  /// before `LimitExceeded`.
  package var passwordChangeLimit = 5
  package var passwordChangeWindowSeconds: Int64 = 3600

  package init() {}
}
