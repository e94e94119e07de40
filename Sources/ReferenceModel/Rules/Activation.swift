// cluster activate.
// Spec: spec-digest.md §2.11; cloudhsm-cli-managing-hsm-users.md "Unactivated admin"; §5 Q12.

extension ClusterState {
  mutating func activate(password: String?, in session: SessionID) -> Outcome {
    guard !isActivated || configuration.mutant == .secondActivation else {
      return .rejected(.clusterAlreadyActivated, .activationOnlyOnce)
    }
    if configuration.mutant == .activationNeedsLogin, logins[session] == nil {
      return .rejected(.notLoggedIn, .activationNeedsNoLogin)
    }
    let newPassword: String
    do { newPassword = try Identifiers.newPassword(password, configuration) } catch {
      return error.outcome
    }
    let name = ModelConfiguration.adminName
    users[name]?.role = .admin
    users[name]?.password = newPassword
    users[name]?.failedLogins = 0
    users[name]?.locked = false
    isActivated = true
    var effects = [Effect(.clusterActivated, .activationPromotesAdmin)]
    if logins[session] == name {
      effects.append(
        Effect(.loggedIn(session: session, user: name), .activationKeepsSessionLoggedIn))
    }
    let rule: RuleID = logins[session] == nil ? .activationNeedsNoLogin : .activationPromotesAdmin
    return .accepted(.string("Cluster activation successful"), rule, effects: effects)
  }
}
