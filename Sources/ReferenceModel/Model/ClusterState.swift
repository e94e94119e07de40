/// The whole state of one cluster: its users, whether it is activated, and its sessions.
///
/// A value type in NIO's state-machine style: `apply(_:in:)` is the only way to change it, and
/// returns the `Outcome` that a CloudHSM CLI session would print. Sessions come into being when
/// first used and end with `endSession(_:)` (end of input).
/// Spec: cloudhsm-cli-managing-hsm-users.md; spec-digest.md §2.
package struct ClusterState: Hashable, Sendable {
  package let configuration: ModelConfiguration
  package internal(set) var isActivated: Bool
  /// Users by canonical (lowercase) username.
  package internal(set) var users: [String: User]
  /// The canonical username each logged-in session is logged in as.
  package internal(set) var logins: [SessionID: String]
  var nextCreationIndex: Int
  /// The quorum value of each service (1: no approval needed) (HSM-QUORUM-001).
  package internal(set) var quorumValues: [QuorumService: Int]
  /// Counts issued tokens; the next token's bytes derive from it (the model has no randomness).
  package internal(set) var tokenSerial: Int
  /// Token-sign commands waiting for their signed token file, by session.
  package internal(set) var challenges: [SessionID: Challenge]
  /// Quorum and registration tokens generated and not yet used (HSM-QUORUM-005, -007).
  package internal(set) var issuedTokens: [IssuedToken]

  /// A new, never-activated cluster (HSM-ACT-001).
  package init(configuration: ModelConfiguration = ModelConfiguration()) {
    self.configuration = configuration
    self.isActivated = false
    let admin = User(
      name: ModelConfiguration.adminName, role: .unactivatedAdmin,
      password: configuration.initialAdminPassword, creationIndex: 0)
    // The appliance user's password is never usable through the CLI (HSM-LOGIN-008).
    let appliance = User(
      name: ModelConfiguration.applianceUserName, role: .applianceUser, password: "",
      creationIndex: Int.max)
    self.users = [admin.name: admin, appliance.name: appliance]
    self.logins = [:]
    self.nextCreationIndex = 1
    self.quorumValues = [.user: 1, .quorum: 1]
    self.tokenSerial = 0
    self.challenges = [:]
    self.issuedTokens = []
  }

  /// The user a session is logged in as, if any.
  package func loggedInUser(_ session: SessionID) -> User? {
    logins[session].flatMap { users[$0] }
  }

  /// Whether any session other than `session` is logged in as `name`.
  func isLoggedInElsewhere(_ name: String, besides session: SessionID?) -> Bool {
    logins.contains { $0.key != session && $0.value == name }
  }

  /// Users in `user list` order: creation order, `app_user` last (HSM-LIST-003).
  package var usersInListOrder: [User] {
    users.values.sorted { $0.creationIndex < $1.creationIndex }
  }

  /// Ends a session: its user, if any, is logged out (HSM-LOGOUT-003).
  @discardableResult
  package mutating func endSession(_ session: SessionID) -> [Effect] {
    challenges[session] = nil
    // Tokens are valid only for the session that generated them (HSM-QUORUM-009).
    issuedTokens.removeAll { $0.session == session }
    guard configuration.mutant != .endOfInputKeepsLogin,
      let name = logins.removeValue(forKey: session)
    else { return [] }
    return [Effect(.loggedOut(session: session, user: name), .endOfInputLogsOut)]
  }
}
