// The two-phase steps of the token-sign commands, and the files they read and write.
// Spec: spec-digest.md §2.2, §2.8–§2.10, §3; sut-contract.md §2 (questions).

/// What the caller read from a file that a command names, handed to the model as a value.
///
/// The model does no I/O: the simulator reads real files, the harness's model side reads its
/// in-memory files, and both pass the results in.
package enum FileInput: Hashable, Sendable {
  /// A token file that read and validated.
  case token(TokenFile)
  /// A text file (a PEM public key).
  case text(String)
  /// The file is missing or unreadable, or is not a valid token file; the reason says which.
  case unreadable(String)
}

/// The outside world a command may need: files it names, and the signature check.
package struct CommandInputs: Sendable {
  package var files: [String: FileInput]
  package var verifier: SignatureVerifier

  package init(files: [String: FileInput] = [:], verifier: SignatureVerifier = .refusing) {
    self.files = files
    self.verifier = verifier
  }

  /// No files and a verifier that accepts nothing.
  package static let none = CommandInputs()

  func file(_ path: String) -> FileInput {
    files[path] ?? .unreadable("\(path): no such file")
  }
}

extension SignatureVerifier {
  /// A verifier that accepts no signature (for callers without crypto).
  package static let refusing = SignatureVerifier { _, _, _ in false }
}

/// A token file a command writes, and where.
package struct TokenWrite: Hashable, Sendable {
  package var path: String
  package var file: TokenFile
  package init(path: String, file: TokenFile) {
    self.path = path
    self.file = file
  }
}

/// A token-sign command that wrote its unsigned tokens and waits for them signed.
package struct Challenge: Hashable, Sendable {
  /// The command, its password prompts answered.
  package var command: Command
  /// The unsigned tokens issued, one per HSM.
  package var unsigned: [[UInt8]]
  package init(command: Command, unsigned: [[UInt8]]) {
    self.command = command
    self.unsigned = unsigned
  }
}

/// A quorum or registration token that a session generated and has not used yet.
package struct IssuedToken: Hashable, Sendable {
  package var session: SessionID
  package var username: String
  package var service: QuorumService
  package var approvalData: [UInt8]
  package var digest: [UInt8]
  package init(
    session: SessionID, username: String, service: QuorumService, approvalData: [UInt8],
    digest: [UInt8]
  ) {
    self.session = session
    self.username = username
    self.service = service
    self.approvalData = approvalData
    self.digest = digest
  }
}

/// One command's progress: finished, or waiting for the answers to token-sign questions.
package enum CommandStep: Hashable, Sendable {
  /// The command's answer (a file it wrote, if any, is in `Outcome.written`).
  case finished(Outcome)
  /// The command wrote `write` and asks `prompts`; call `complete(answers:in:inputs:)`.
  case awaiting(TokenWrite, prompts: [Prompt])
}

extension ClusterState {
  /// Phase 1: applies `command`, or, for a token-sign command that passes every other check,
  /// issues its unsigned tokens and waits for them signed.
  package mutating func begin(
    _ command: Command, in session: SessionID, inputs: CommandInputs
  ) -> CommandStep {
    challenges[session] = nil
    switch command {
    case .login(let login) where login.mfaToken != nil:
      return self.login(login, in: session, inputs: inputs)
    case .userChangeMFA(let change): return changeMFA(change, in: session, inputs: inputs)
    case .quorumRegister(let register):
      return .finished(registerQuorumKey(register, in: session, inputs: inputs))
    case .quorumGenerate(let generate): return .finished(generateToken(generate, in: session))
    case .quorumListValues: return .finished(.accepted(quorumValuesData, .quorumListValues))
    case .quorumSetValue(let set): return .finished(setQuorumValue(set, in: session, inputs: inputs))
    case .userCreate, .userDelete, .userChangePassword:
      return .finished(approvedUserCommand(command, in: session, inputs: inputs))
    default: return .finished(applyBasic(command, in: session))
    }
  }

  /// Phase 2: the answers to the token-sign questions (signed token file path, empty for the
  /// unsigned file's own path; then the public key path), with the files they name.
  package mutating func complete(
    answers: [String], in session: SessionID, inputs: CommandInputs
  ) -> Outcome {
    guard let challenge = challenges.removeValue(forKey: session) else {
      return .rejected(.noTokenPending, .tokenSignPrompts)
    }
    switch challenge.command {
    case .login(let login):
      return completeLogin(login, challenge, answers: answers, in: session, inputs: inputs)
    case .userChangeMFA(let change):
      return completeChangeMFA(change, challenge, answers: answers, in: session, inputs: inputs)
    default: return .rejected(.noTokenPending, .tokenSignPrompts)
    }
  }

  /// Both phases at once, for callers that cannot answer questions: a waiting command gets
  /// no answers and no files, so it fails on the missing signed token file.
  package mutating func applyWithoutAnswers(
    _ command: Command, in session: SessionID, inputs: CommandInputs = .none
  ) -> Outcome {
    switch begin(command, in: session, inputs: inputs) {
    case .finished(let outcome): outcome
    case .awaiting: complete(answers: [], in: session, inputs: inputs)
    }
  }

  /// The signed token file the answers name: the first answer, or the unsigned file's path
  /// when it is empty (spec-digest §2.2 "empty input ⇒ same path").
  package static func signedPath(_ answers: [String], default path: String) -> String {
    guard let answer = answers.first, !answer.isEmpty else { return path }
    return answer
  }

  /// Issues `count` unsigned MFA tokens (32 bytes each) derived from the token serial.
  mutating func issueUnsigned() -> [[UInt8]] {
    tokenSerial += 1
    return (0..<configuration.hsmCount).map { deterministicBytes(32, salt: UInt64($0)) }
  }

  /// Bytes derived from the token serial: the model's stand-in for the HSM's random tokens.
  func deterministicBytes(_ count: Int, salt: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: UInt64(tokenSerial) &* 0x1_0000_0001 &+ salt)
    var bytes: [UInt8] = []
    while bytes.count < count {
      let word = generator.next()
      for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count {
        bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    return bytes
  }

  /// Whether `file` holds exactly the issued tokens, each signed by `publicKeyPEM` (TOK-MFA-002,
  /// HSM-MFALOGIN-002, HSM-MFA-004); the refusal's reason otherwise.
  func checkSigned(
    _ file: FileInput, issued: [[UInt8]], publicKeyPEM: String, verifier: SignatureVerifier,
    path: String
  ) -> String? {
    let tokens: TokenFile.MFATokens
    switch file {
    case .unreadable(let reason): return reason
    case .text: return "\(path) is not a token file"
    case .token(.quorum): return "\(path) holds a quorum token, not MFA tokens"
    case .token(.mfa(let mfa)): tokens = mfa
    }
    guard tokens.tokens.count == issued.count,
      Set(tokens.tokens.map(\.unsigned)) == Set(issued)
    else {
      return "\(path) does not hold the \(issued.count) tokens this command issued"
    }
    if configuration.mutant == .tokenSignatureUnchecked { return nil }
    guard verifier.allSigned(tokens, publicKeyPEM: publicKeyPEM) else {
      return "a token in \(path) is not signed by the user's key"
    }
    return nil
  }
}
