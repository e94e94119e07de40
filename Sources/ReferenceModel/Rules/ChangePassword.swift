// user change-password.
// Spec: cloudhsm-cli-change-password.md; spec-digest.md §2.7; §5 Q2, Q3.

extension ClusterState {
  mutating func changePassword(_ change: Command.UserChangePassword, in session: SessionID)
    -> Outcome
  {
    do throws(Refusal) {
      guard let caller = loggedInUser(session) else {
        throw Refusal(.notLoggedIn, .changePasswordNeedsLogin)
      }
      guard isActivated else { throw Refusal(.clusterNotActivated, .nothingBeforeActivation) }
      let name = try Identifiers.canonicalUsername(change.username, configuration)
      let password = try Identifiers.newPassword(change.password, configuration)
      if name == ModelConfiguration.applianceUserName {
        throw Refusal(.applianceUserNotAllowed, .applianceUserPasswordUnreachable)
      }
      let mutant = configuration.mutant
      guard var target = users[name], target.role == change.role || mutant == .changeIgnoresRole
      else {
        throw Refusal(.userNotFound(name, role: change.role), .changeTargetMustMatch)
      }
      let isSelf = caller.name == name
      if !isSelf {
        guard caller.role == .admin || mutant == .cryptoUserChangesOthers else {
          throw Refusal(
            .permissionDenied(command: "user change-password", role: caller.role),
            .cryptoUserCannotChangeOthers)
        }
        guard !isLoggedInElsewhere(name, besides: session) || mutant == .changeLoggedInUser else {
          throw Refusal(.userLoggedIn(name), .changeLoggedInUser)
        }
      }
      target.password = password
      var effects = [Effect(.passwordChanged(name), .changeTakesEffect)]
      if change.deregisterMFA { target.mfaRegistered = false }
      if change.deregisterQuorum { target.quorumRegistered = false }
      if (caller.role == .admin && mutant != .adminResetKeepsLock) || mutant == .selfChangeUnlocks {
        if target.locked { effects.append(Effect(.userUnlocked(name), .adminResetUnlocks)) }
        target.locked = false
        target.failedLogins = 0
      } else if target.locked {
        effects.append(Effect(.lockKept(name), .selfChangeKeepsLock))
      }
      users[name] = target
      let rule: RuleID = isSelf ? .changeOwnPassword : .adminChangesAnyPassword
      return .accepted(ClusterState.userData(name, target.role), rule, effects: effects)
    } catch {
      return error.outcome
    }
  }
}
