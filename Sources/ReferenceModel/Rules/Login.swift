// login and logout.
// Spec: spec-digest.md §2.1, §2.3, §2.0 (lockout); §5 Q13, Q18.

extension ClusterState {
  /// `viaMFA`: the signed-token step of `login … mfa-token-sign` passed (or is about to be
  /// issued), so a user with MFA registered may log in (HSM-MFALOGIN-003).
  mutating func login(_ login: Command.Login, in session: SessionID, viaMFA: Bool = false)
    -> Outcome
  {
    let mutant = configuration.mutant
    if let current = logins[session], mutant != .loginTwiceAllowed {
      return .rejected(.alreadyLoggedIn(current), .loginOnlyOncePerSession)
    }
    let name: String
    do { name = try Identifiers.canonicalUsername(login.username, configuration) } catch {
      return error.outcome
    }
    guard let password = login.password else {
      return .rejected(.passwordRequired, .passwordPrompted)
    }
    guard var user = users[name] else {
      return .rejected(.userNotFound(name, role: login.role), .loginUnknownUser)
    }
    if user.role == .applianceUser {
      guard mutant == .applianceUserLogsIn else {
        return .rejected(.applianceUserNotAllowed, .loginApplianceUserRefused)
      }
      logins[session] = name
      return .accepted(ClusterState.userData(name, user.role), .loginSucceeds)
    }
    let unactivatedAdmin = user.role == .unactivatedAdmin && login.role == .admin
    guard user.role == login.role || unactivatedAdmin || mutant == .loginIgnoresRole else {
      return .rejected(.userNotFound(name, role: login.role), .loginRoleMustMatch)
    }
    guard !user.locked else { return .rejected(.userLocked(name), .lockedUserCannotLogIn) }
    let matches =
      mutant == .passwordCaseInsensitive
      ? user.password.lowercased() == password.lowercased() : user.password == password
    guard matches else {
      user.failedLogins += 1
      var effects = [
        Effect(.failedLoginCounted(name, count: user.failedLogins), .loginWrongPassword)
      ]
      if user.failedLogins >= lockoutThreshold {
        user.locked = true
        effects.append(Effect(.userLocked(name), .lockAfterFailures))
      }
      users[name] = user
      return .rejected(.wrongPassword, .loginWrongPassword, effects: effects)
    }
    if user.mfaRegistered && !viaMFA && mutant != .mfaLoginWithoutToken {
      return .rejected(.mfaRequired(name), .mfaRegisteredNeedsToken)
    }
    var effects: [Effect] = [Effect(.loggedIn(session: session, user: name), .loginSucceeds)]
    if user.failedLogins > 0 && mutant != .loginKeepsFailures {
      users[name]?.failedLogins = 0
      effects.append(Effect(.failedLoginsCleared(name), .loginClearsFailures))
    }
    logins[session] = name
    let rule: RuleID = unactivatedAdmin ? .loginUnactivatedAdmin : .loginSucceeds
    return .accepted(ClusterState.userData(name, user.role), rule, effects: effects)
  }

  mutating func logout(in session: SessionID) -> Outcome {
    issuedTokens.removeAll { $0.session == session }  // HSM-QUORUM-009
    guard let name = logins.removeValue(forKey: session) else {
      if configuration.mutant == .logoutWithoutLogin {
        return .accepted(.string("Logout successful"), .logoutSucceeds)
      }
      return .rejected(.notLoggedIn, .logoutNeedsLogin)
    }
    return .accepted(
      .string("Logout successful"), .logoutSucceeds,
      effects: [Effect(.loggedOut(session: session, user: name), .logoutSucceeds)])
  }
}

extension ClusterState {
  /// Failed logins that lock a user (HSM-LOCK-001), as the configuration (or a mutant) says.
  var lockoutThreshold: Int {
    switch configuration.mutant {
    case .noLockout?: Int.max
    case .lockAfterFour?: 4
    default: configuration.lockoutThreshold
    }
  }
}
