// quorum token-sign generate | list-quorum-values | set-quorum-value, user change-quorum
// token-sign register, and the quorum approval of user-service operations.
// Spec: spec-digest.md §2.9, §2.10, §3.2, §3.3.

extension ClusterState {
  /// The documented bounds of a quorum value; 1 turns quorum off (HSM-QUORUM-001).
  static let quorumValueRange = 1...8

  /// `{"user": N, "quorum": N}` (HSM-QUORUM-012).
  var quorumValuesData: JSONValue {
    .object(QuorumService.valued.map { ($0.wireName, .int(Int64(quorumValues[$0] ?? 1))) })
  }

  /// `quorum token-sign generate`: an admin's token for a service, one per user and service
  /// at a time (HSM-QGEN-001, HSM-QUORUM-005); a quorum token only while the quorum service's
  /// value is above 1 (HSM-QUORUM-003).
  mutating func generateToken(_ generate: Command.QuorumGenerate, in session: SessionID)
    -> Outcome
  {
    do throws(Refusal) {
      let caller = try requireAdmin(
        session, command: "quorum token-sign generate", rule: .quorumGenerateNeedsAdmin)
      if generate.service == .quorum && (quorumValues[.quorum] ?? 1) <= 1 {
        throw Refusal(.quorumNotEnabled(generate.service.wireName), .quorumServiceToken)
      }
      if issuedTokens.contains(where: {
        $0.username == caller.name && $0.service == generate.service
      }) {
        throw Refusal(
          .tokenAlreadyIssued(generate.service.wireName), .quorumOneTokenPerService)
      }
      tokenSerial += 1
      let record = approvalRecord(caller.name, generate.service)
      let digest = SHA256.hash(record)
      issuedTokens.append(
        IssuedToken(
          session: session, username: caller.name, service: generate.service,
          approvalData: record, digest: digest))
      let file: TokenFile =
        generate.service == .registration
        ? .mfa(.init(tokens: [.init(approvalData: record, unsigned: digest)]))
        : .quorum(.init(approvalData: record, token: digest))
      return Outcome(
        .accepted(.object([("filepath", .string(generate.token))])), rule: .quorumGenerate,
        written: TokenWrite(path: generate.token, file: file))
    } catch {
      return error.outcome
    }
  }

  /// The token's raw data: one 80-byte record per HSM (one for a registration token), laid
  /// out like the documented example (spec-digest TOK-Q-003; opaque to clients).
  func approvalRecord(_ username: String, _ service: QuorumService) -> [UInt8] {
    let count = service == .registration ? 1 : configuration.hsmCount
    var data: [UInt8] = []
    for hsm in 0..<count {
      let serial = UInt32(truncatingIfNeeded: tokenSerial)
      data += [0, 1, 0, 3] + bigEndian(serial) + [UInt8](repeating: 0, count: 8)
      data += deterministicBytes(16, salt: UInt64(hsm) &+ 0x100)
      let name = Array(username.utf8.prefix(32))
      data += name + [UInt8](repeating: 0, count: 32 - name.count)
      data += [0, 0, 0, UInt8(service == .user ? 1 : service == .quorum ? 2 : 3)]
      data += bigEndian(serial) + [UInt8](repeating: 0, count: 8)
    }
    return data
  }

  private func bigEndian(_ value: UInt32) -> [UInt8] {
    [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
  }

  /// `quorum token-sign set-quorum-value`: admins only (HSM-QUORUM-004), a value from 1 to 8
  /// (HSM-QUORUM-001), approved by the quorum service while its value is above 1
  /// (HSM-QUORUM-003).
  mutating func setQuorumValue(
    _ set: Command.QuorumSetValue, in session: SessionID, inputs: CommandInputs
  ) -> Outcome {
    do throws(Refusal) {
      _ = try requireAdmin(
        session, command: "quorum token-sign set-quorum-value", rule: .quorumSetNeedsAdmin)
      let maximum = Self.quorumValueRange.upperBound + (configuration.mutant == .quorumNine ? 1 : 0)
      guard (Self.quorumValueRange.lowerBound...maximum).contains(set.value) else {
        throw Refusal(.quorumValueOutOfRange(set.value), .quorumValueRange)
      }
      try checkApproval(.quorum, set.approval, in: session, inputs: inputs)
      consumeApproval(.quorum, set.approval, in: session, inputs: inputs)
      quorumValues[set.service] = set.value
      return .accepted(.string("Set Quorum Value successful"), .quorumSetValue)
    } catch {
      return error.outcome
    }
  }

  /// `user change-quorum token-sign register`: an admin registers its own quorum key with a
  /// registration token it generated, signed by that key (HSM-QREG-001…003).
  mutating func registerQuorumKey(
    _ register: Command.QuorumRegister, in session: SessionID, inputs: CommandInputs
  ) -> Outcome {
    do throws(Refusal) {
      let caller = try requireAdmin(
        session, command: "user change-quorum token-sign register", rule: .quorumRegisterNeedsAdmin)
      guard case .text(let pem) = inputs.file(register.publicKey) else {
        throw Refusal(
          .tokenRejected("no readable public key at '\(register.publicKey)'"),
          .quorumRegisterSignature)
      }
      guard
        let index = issuedTokens.firstIndex(where: {
          $0.session == session && $0.service == .registration
        })
      else {
        throw Refusal(
          .tokenRejected("this session has no registration token"), .quorumRegisterSignature)
      }
      let issued = issuedTokens[index]
      if let reason = checkSigned(
        inputs.file(register.signedToken), issued: [issued.digest], publicKeyPEM: pem,
        verifier: inputs.verifier, path: register.signedToken)
      {
        throw Refusal(.tokenRejected(reason), .quorumRegisterSignature)
      }
      issuedTokens.remove(at: index)
      users[caller.name]?.quorumRegistered = true
      users[caller.name]?.publicKeyPEM = pem
      return .accepted(ClusterState.userData(caller.name, caller.role), .quorumRegister)
    } catch {
      return error.outcome
    }
  }

  /// `user create`, `user delete` and `user change-password`: the command's own rules first;
  /// if it would succeed and the user service's value is above 1, a valid approval is needed,
  /// and is used up by the success (HSM-QUORUM-010, HSM-QUORUM-007).
  mutating func approvedUserCommand(
    _ command: Command, in session: SessionID, inputs: CommandInputs
  ) -> Outcome {
    var next = self
    let outcome = next.applyBasic(command, in: session)
    guard outcome.isAccepted else {
      self = next
      return outcome
    }
    let approval = command.approval
    do throws(Refusal) {
      try checkApproval(.user, approval, in: session, inputs: inputs)
    } catch {
      var refused = error.outcome
      if case .rejected(.approvalRequired) = refused.result {
        switch command {
        case .userCreate, .userDelete: refused.messageIsDocumented = true
        default: break
        }
      }
      return refused
    }
    self = next
    consumeApproval(.user, approval, in: session, inputs: inputs)
    return outcome
  }

  /// Whether an operation of `service` may go ahead: always while its quorum value is 1;
  /// otherwise the approval file must hold a token this session generated for the service,
  /// unchanged, signed by at least that many distinct admins with a registered quorum key
  /// (HSM-QUORUM-008…011).
  func checkApproval(
    _ service: QuorumService, _ approval: String?, in session: SessionID, inputs: CommandInputs
  ) throws(Refusal) {
    let needed = quorumValues[service] ?? 1
    guard needed > 1, configuration.mutant != .approvalNotRequired else { return }
    guard let approval else {
      throw Refusal(.approvalRequired(service.wireName, needed), .quorumApprovalRequired)
    }
    let token: TokenFile.QuorumToken
    switch inputs.file(approval) {
    case .token(.quorum(let quorum)): token = quorum
    case .token(.mfa): throw Refusal(.approvalRejected("\(approval) is not a quorum token"), .quorumApprovals)
    case .text: throw Refusal(.approvalRejected("\(approval) is not a token file"), .quorumApprovals)
    case .unreadable(let reason): throw Refusal(.approvalRejected(reason), .quorumApprovals)
    }
    guard let caller = logins[session],
      let issued = issuedTokens.first(where: {
        $0.session == session && $0.username == caller && $0.service == service
          && $0.digest == token.token
      })
    else {
      throw Refusal(
        .approvalRejected(
          "not an unused token generated in this session for the \(service.wireName) service"),
        .quorumTokenSingleUse)
    }
    // A file that names an approver twice is refused whole: the simulator's reader (and so a
    // real file) refuses it before any signature is checked.
    if let repeated = token.repeatedApprover {
      throw Refusal(
        .approvalRejected("approver '\(repeated)' signs more than once"), .quorumApprovals)
    }
    guard issued.approvalData == token.approvalData else {
      throw Refusal(.approvalRejected("the token's data was changed"), .quorumApprovals)
    }
    let valid = token.signatures.filter { approval in
      let name = Identifiers.lowercasedASCII(approval.username)
      guard let approver = users[name],
        approver.role == .admin || configuration.mutant == .approvalsFromAnyone,
        let key = approver.publicKeyPEM,
        approver.quorumRegistered || configuration.mutant == .approvalsFromAnyone
      else { return false }
      return inputs.verifier.verify(approval.signature, token.token, key)
    }
    // Distinct approvers (repeated names were refused above; letter case aside, the same).
    let approvers = Set(valid.map { Identifiers.lowercasedASCII($0.username) })
    guard approvers.count >= needed else {
      throw Refusal(.tooFewApprovals(approvers.count, needed), .quorumApprovals)
    }
  }

  /// Uses up the approval token of a successful operation (HSM-QUORUM-007).
  mutating func consumeApproval(
    _ service: QuorumService, _ approval: String?, in session: SessionID, inputs: CommandInputs
  ) {
    guard (quorumValues[service] ?? 1) > 1, configuration.mutant != .approvalReusable,
      let approval, case .token(.quorum(let token)) = inputs.file(approval)
    else { return }
    issuedTokens.removeAll { $0.session == session && $0.digest == token.token }
  }
}
