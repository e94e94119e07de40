/// One change to the cluster that a command made, and the rule that made it.
///
/// A rejected command can have effects too: a wrong password counts a failed attempt and may
/// lock the user.
/// Spec: issue "each accepted effect names the rule that decided it".
package struct Effect: Hashable, Sendable {
  /// What changed.
  package enum Change: Hashable, Sendable {
    case clusterActivated
    case loggedIn(session: SessionID, user: String)
    case loggedOut(session: SessionID, user: String)
    case userCreated(String)
    case userDeleted(String)
    case passwordChanged(String)
    case failedLoginCounted(String, count: Int)
    case failedLoginsCleared(String)
    case userLocked(String)
    case userUnlocked(String)
    /// A change that left a lock in place (HSM-LOCK-005).
    case lockKept(String)
  }

  package var change: Change
  package var rule: RuleID

  package init(_ change: Change, _ rule: RuleID) {
    self.change = change
    self.rule = rule
  }
}
