// user create and user delete.
// Spec: spec-digest.md §2.4, §2.5; cloudhsm-cli-managing-hsm-users.md "HSM user permissions table".

extension ClusterState {
  /// The session's user when it is an admin (`rule`) on an active cluster (HSM-ACT-005).
  ///
  /// The documented permission rule is checked before the inferred activation rule, so that a
  /// SUT letting anyone but an admin manage users diverges on a documented rule.
  func requireAdmin(_ session: SessionID, command: String, rule: RuleID) throws(Refusal) -> User {
    guard let user = loggedInUser(session) else { throw Refusal(.notLoggedIn, rule) }
    let cryptoUserAllowed =
      configuration.mutant == .cryptoUserCreatesUsers && command == "user create"
    guard user.role == .admin || (cryptoUserAllowed && user.role == .cryptoUser) else {
      throw Refusal(.permissionDenied(command: command, role: user.role), rule)
    }
    guard isActivated else { throw Refusal(.clusterNotActivated, .nothingBeforeActivation) }
    return user
  }

  mutating func createUser(_ create: Command.UserCreate, in session: SessionID) -> Outcome {
    do throws(Refusal) {
      _ = try requireAdmin(session, command: "user create", rule: .createNeedsAdmin)
      let name = try Identifiers.canonicalUsername(create.username, configuration)
      let password = try Identifiers.newPassword(create.password, configuration)
      guard users[name] == nil || configuration.mutant == .duplicateReplaces else {
        throw Refusal(.userAlreadyExists(name), .createDuplicate)
      }
      guard users.count < configuration.maximumUsers else {
        throw Refusal(.userLimitReached(configuration.maximumUsers), .createUserLimit)
      }
      users[name] = User(
        name: name, role: create.role, password: password, creationIndex: nextCreationIndex)
      nextCreationIndex += 1
      return .accepted(
        ClusterState.userData(name, create.role), .createSucceeds,
        effects: [Effect(.userCreated(name), .createSucceeds)])
    } catch {
      return error.outcome
    }
  }

  mutating func deleteUser(_ delete: Command.UserDelete, in session: SessionID) -> Outcome {
    do throws(Refusal) {
      _ = try requireAdmin(session, command: "user delete", rule: .deleteNeedsAdmin)
      let name = try Identifiers.canonicalUsername(delete.username, configuration)
      guard let user = users[name],
        user.role == delete.role || configuration.mutant == .deleteIgnoresRole
      else {
        throw Refusal(.userNotFound(name, role: delete.role), .deleteTargetMustMatch)
      }
      if configuration.mutant == .deleteLoggedInUser {
        logins = logins.filter { $0.value != name }
      }
      guard !isLoggedInElsewhere(name, besides: nil) else {
        throw Refusal(.userLoggedIn(name), .deleteLoggedInUser)
      }
      users[name] = nil
      return .accepted(
        ClusterState.userData(name, user.role), .deleteSucceeds,
        effects: [Effect(.userDeleted(name), .deleteSucceeds)])
    } catch {
      return error.outcome
    }
  }
}
