// login … mfa-token-sign and user change-mfa token-sign.
// Spec: spec-digest.md §2.2, §2.8, §3.1, §3.3; cloudhsm-cli-user-change-mfa.md.

extension ClusterState {
  /// Phase 1 of `login … mfa-token-sign`: every check of a plain login, then the user must have
  /// MFA registered; the unsigned tokens are issued (HSM-MFALOGIN-001).
  mutating func login(_ login: Command.Login, in session: SessionID, inputs: CommandInputs)
    -> CommandStep
  {
    var probe = self
    let outcome = probe.login(login, in: session, viaMFA: true)
    guard outcome.isAccepted, let name = probe.logins[session] else {
      // A wrong password still counts (HSM-LOGIN-004): keep the probe's state.
      self = probe
      return .finished(outcome)
    }
    guard let user = users[name], user.mfaRegistered, user.publicKeyPEM != nil else {
      return .finished(.rejected(.mfaNotRegistered(name), .mfaLoginNeedsRegistration))
    }
    let unsigned = issueUnsigned()
    challenges[session] = Challenge(command: .login(login), unsigned: unsigned)
    let file = TokenFile.mfa(.init(tokens: unsigned.map { .init(unsigned: $0) }))
    return .awaiting(
      TokenWrite(path: login.mfaToken ?? "", file: file), prompts: [.signedTokenPath])
  }

  /// Phase 2: the signed file must hold the issued tokens signed by the user's registered key
  /// (HSM-MFALOGIN-002); then the login happens as a plain one would.
  mutating func completeLogin(
    _ login: Command.Login, _ challenge: Challenge, answers: [String], in session: SessionID,
    inputs: CommandInputs
  ) -> Outcome {
    let path = Self.signedPath(answers, default: login.mfaToken ?? "")
    guard let name = try? Identifiers.canonicalUsername(login.username, configuration),
      let key = users[name]?.publicKeyPEM, users[name]?.mfaRegistered == true
    else {
      return .rejected(.mfaNotRegistered(login.username), .mfaLoginNeedsRegistration)
    }
    if let reason = checkSigned(
      inputs.file(path), issued: challenge.unsigned, publicKeyPEM: key,
      verifier: inputs.verifier, path: path)
    {
      return .rejected(.tokenRejected(reason), .mfaLoginSignature)
    }
    var outcome = self.login(login, in: session, viaMFA: true)
    if outcome.isAccepted { outcome.rule = .mfaLogin }
    return outcome
  }

  /// Phase 1 of `user change-mfa token-sign`: who may change whose MFA (HSM-MFA-001), the new
  /// password (HSM-MFA-003), the target, a quorum approval when the user service needs one
  /// (HSM-MFA-007); `--deregister` finishes here (HSM-MFA-008), `--token` issues tokens
  /// (HSM-MFA-004).
  mutating func changeMFA(
    _ change: Command.UserChangeMFA, in session: SessionID, inputs: CommandInputs
  ) -> CommandStep {
    do throws(Refusal) {
      let (name, target) = try checkChangeMFA(change, in: session, inputs: inputs)
      guard change.deregisters else {
        let unsigned = issueUnsigned()
        challenges[session] = Challenge(command: .userChangeMFA(change), unsigned: unsigned)
        let file = TokenFile.mfa(.init(tokens: unsigned.map { .init(unsigned: $0) }))
        return .awaiting(
          TokenWrite(path: change.token ?? "", file: file),
          prompts: [.signedTokenPath, .publicKeyPath])
      }
      var user = target
      user.password = change.password ?? user.password
      if configuration.mutant != .deregisterKeepsMFA { user.mfaRegistered = false }
      if change.changeQuorum {
        user.quorumRegistered = false
      }
      if !user.mfaRegistered && !user.quorumRegistered { user.publicKeyPEM = nil }
      users[name] = user
      consumeApproval(.user, change.approval, in: session, inputs: inputs)
      return .finished(
        .accepted(
          ClusterState.userData(name, user.role), .mfaDeregister,
          effects: [Effect(.passwordChanged(name), .mfaChangesPassword)]))
    } catch {
      return .finished(error.outcome)
    }
  }

  /// The checks both phases share; returns the target's canonical name and user.
  func checkChangeMFA(
    _ change: Command.UserChangeMFA, in session: SessionID, inputs: CommandInputs
  ) throws(Refusal) -> (String, User) {
    guard let caller = loggedInUser(session) else {
      throw Refusal(.notLoggedIn, .mfaWhoMayChange)
    }
    guard caller.role == .admin || caller.role == .cryptoUser else {
      throw Refusal(
        .permissionDenied(command: "user change-mfa", role: caller.role), .mfaWhoMayChange)
    }
    guard isActivated else { throw Refusal(.clusterNotActivated, .nothingBeforeActivation) }
    let name = try Identifiers.canonicalUsername(change.username, configuration)
    _ = try Identifiers.newPassword(change.password, configuration)
    guard let target = users[name], target.role == change.role else {
      throw Refusal(.userNotFound(name, role: change.role), .changeTargetMustMatch)
    }
    if caller.name != name {
      guard caller.role == .admin || configuration.mutant == .cryptoUserChangesOthersMFA else {
        throw Refusal(
          .permissionDenied(command: "user change-mfa", role: caller.role), .mfaWhoMayChange)
      }
      guard !isLoggedInElsewhere(name, besides: session) else {
        throw Refusal(.userLoggedIn(name), .changeLoggedInUser)
      }
    }
    try checkApproval(.user, change.approval, in: session, inputs: inputs)
    return (name, target)
  }

  /// Phase 2 of registration: the signed tokens must verify with the given public key; the key
  /// becomes the user's MFA key, and its quorum key too (HSM-MFA-004, HSM-MFA-006).
  mutating func completeChangeMFA(
    _ change: Command.UserChangeMFA, _ challenge: Challenge, answers: [String],
    in session: SessionID, inputs: CommandInputs
  ) -> Outcome {
    do throws(Refusal) {
      let (name, target) = try checkChangeMFA(change, in: session, inputs: inputs)
      let path = Self.signedPath(answers, default: change.token ?? "")
      let keyPath = answers.count > 1 ? answers[1] : ""
      guard case .text(let pem) = inputs.file(keyPath) else {
        throw Refusal(
          .tokenRejected("no readable public key at '\(keyPath)'"), .mfaRegisterSignature)
      }
      if let reason = checkSigned(
        inputs.file(path), issued: challenge.unsigned, publicKeyPEM: pem,
        verifier: inputs.verifier, path: path)
      {
        throw Refusal(.tokenRejected(reason), .mfaRegisterSignature)
      }
      if target.quorumRegistered && !change.changeQuorum && target.publicKeyPEM != pem {
        throw Refusal(.quorumKeyWouldChange(name), .mfaSharesQuorumKey)
      }
      var user = target
      user.password = change.password ?? user.password
      user.mfaRegistered = true
      user.quorumRegistered = true
      user.publicKeyPEM = pem
      users[name] = user
      consumeApproval(.user, change.approval, in: session, inputs: inputs)
      return .accepted(
        ClusterState.userData(name, user.role), .mfaRegister,
        effects: [Effect(.passwordChanged(name), .mfaChangesPassword)])
    } catch {
      return error.outcome
    }
  }
}
