/// One HSM user as the cluster stores it.
///
/// `name` is the canonical lowercase username (the lookup key); `creationIndex` orders
/// `user list`. `locked` is kept explicitly and must agree with `failedLogins` (an invariant).
/// Spec: spec-digest.md §2.6 (user list fields), §2.0 (lockout).
package struct User: Hashable, Sendable {
  package var name: String
  package var role: Role
  package var password: String
  package var failedLogins: Int
  package var locked: Bool
  package var mfaRegistered: Bool
  package var quorumRegistered: Bool
  /// The public key (PEM) registered for MFA and quorum: one key serves both (HSM-MFA-006).
  package var publicKeyPEM: String?
  package var creationIndex: Int

  package init(name: String, role: Role, password: String, creationIndex: Int) {
    self.name = name
    self.role = role
    self.password = password
    self.failedLogins = 0
    self.locked = false
    self.mfaRegistered = false
    self.quorumRegistered = false
    self.publicKeyPEM = nil
    self.creationIndex = creationIndex
  }
}
