/// A service whose operations quorum (M of N) approval can guard, or the registration token.
///
/// `--service user` guards user create, delete, change-password and change-mfa; `--service
/// quorum` guards `quorum token-sign set-quorum-value`; `--service registration` only makes the
/// token that `user change-quorum token-sign register` signs.
/// Spec: spec-digest.md §2.9 (HSM-QUORUM-010), §2.10 (HSM-QREG-002).
package enum QuorumService: Hashable, Sendable, CaseIterable, Comparable {
  case user
  case quorum
  case registration

  /// The `--service` value and the key in `list-quorum-values`.
  package var wireName: String {
    switch self {
    case .user: "user"
    case .quorum: "quorum"
    case .registration: "registration"
    }
  }

  /// The service a `--service` value names; case-sensitive, as clap's value enums are.
  package init?(cliValue: String) {
    guard let service = Self.allCases.first(where: { $0.wireName == cliValue }) else {
      return nil
    }
    self = service
  }

  /// Services with a quorum value (`set-quorum-value`, `list-quorum-values`).
  package static let valued: [QuorumService] = [.user, .quorum]
}
