// login and logout.
// Spec: spec-digest.md §2.1, §2.3, §2.0 (lockout); §5 Q13, Q18.

extension ClusterState {
  mutating func login(_ login: Command.Login, in session: SessionID) -> Outcome {
    if let current = logins[session] {
      return .rejected(.alreadyLoggedIn(current), .loginOnlyOncePerSession)
    }
    let name: String
    do { name = try Identifiers.canonicalUsername(login.username) } catch { return error.outcome }
    guard let password = login.password else {
      return .rejected(.passwordRequired, .passwordPrompted)
    }
    guard var user = users[name] else {
      return .rejected(.userNotFound(name, role: login.role), .loginUnknownUser)
    }
    if user.role == .applianceUser {
      return .rejected(.applianceUserNotAllowed, .loginApplianceUserRefused)
    }
    let unactivatedAdmin = user.role == .unactivatedAdmin && login.role == .admin
    guard user.role == login.role || unactivatedAdmin else {
      return .rejected(.userNotFound(name, role: login.role), .loginRoleMustMatch)
    }
    guard !user.locked else { return .rejected(.userLocked(name), .lockedUserCannotLogIn) }
    guard user.password == password else {
      user.failedLogins += 1
      var effects = [
        Effect(.failedLoginCounted(name, count: user.failedLogins), .loginWrongPassword)
      ]
      if user.failedLogins >= configuration.lockoutThreshold {
        user.locked = true
        effects.append(Effect(.userLocked(name), .lockAfterFailures))
      }
      users[name] = user
      return .rejected(.wrongPassword, .loginWrongPassword, effects: effects)
    }
    var effects: [Effect] = [Effect(.loggedIn(session: session, user: name), .loginSucceeds)]
    if user.failedLogins > 0 {
      users[name]?.failedLogins = 0
      effects.append(Effect(.failedLoginsCleared(name), .loginClearsFailures))
    }
    logins[session] = name
    let rule: RuleID = unactivatedAdmin ? .loginUnactivatedAdmin : .loginSucceeds
    return .accepted(ClusterState.userData(name, user.role), rule, effects: effects)
  }

  mutating func logout(in session: SessionID) -> Outcome {
    guard let name = logins.removeValue(forKey: session) else {
      return .rejected(.notLoggedIn, .logoutNeedsLogin)
    }
    return .accepted(
      .string("Logout successful"), .logoutSucceeds,
      effects: [Effect(.loggedOut(session: session, user: name), .logoutSucceeds)])
  }
}
