package import ReferenceModel

/// One step of a model fuzz program: a command typed in a session, a session's end of input,
/// or (with token steps on) a token command with its answers, or a `[harness]` token action.
///
/// Spec: sut-contract.md §2 (several sessions on one cluster, questions); HSM-LOGOUT-003;
/// scenarios/README.md "Token files".
package enum ModelStep: Hashable, Sendable {
  /// A password or user command, applied with `ClusterState.apply` (it reads no files).
  case command(SessionID, Command)
  case endSession(SessionID)
  /// A token step's command, run as its CLI line by `ModelWorkbench` with `answers` to its
  /// questions (prompted passwords, then `{sign KEY [tamper|drop]}` and a public key path).
  case tokenCommand(SessionID, Command, answers: [String])
  /// A `[harness]` action on the workbench's token files (sign, approve or tamper).
  case harness(TokenAction)

  /// The step as a scenario line, e.g. `[s1] user list`, `[s0] (end of input)`,
  /// `[s0] login … mfa-token-sign --token '{workdir}/s0-login.token' < {sign k1}` (each
  /// answer after ` < `, as a scenario's `< ` lines: the printer quotes a value holding `<`,
  /// and no answer holds one) or `[harness] approve {workdir}/s0-user.token admin:k1`.
  package var text: String {
    switch self {
    case .command(let session, let command): "[\(session)] \(canonicalText(.command(command)))"
    case .endSession(let session): "[\(session)] (end of input)"
    case .tokenCommand(let session, let command, let answers):
      (["[\(session)] \(canonicalText(.command(command)))"] + answers.map { "< " + $0 })
        .joined(separator: " ")
    case .harness(let action): "[harness] \(action.stepText)"
    }
  }

  /// The command the step runs, if it runs one.
  package var command: Command? {
    switch self {
    case .command(_, let command), .tokenCommand(_, let command, _): command
    case .endSession, .harness: nil
    }
  }
}

/// Decodes fuzzer bytes into a model configuration and a multi-session command sequence.
///
/// The first byte chooses the configuration (lockout threshold, user limit, shortest password),
/// so that small limits are reached in a few steps. Each step then reads a session, a command
/// kind and the command's fields. Fields are read against the current state, as
/// `CommandGenerator` does: a username byte below 0x80 picks an existing user or a known
/// near-miss (wrong case, 31 and 32 letters, a hyphen, empty), above it raw bytes; a password
/// byte picks an existing user's password (exact or a near-miss), a generated password of a
/// chosen length, or none. Roles are only the two the parser can produce.
///
/// The first byte's high bit switches on token steps (`tokenStep`): the step kind is then read
/// modulo 32 instead of 16, kinds 0–15 keep their meaning and 16–31 are the MFA and quorum
/// token steps. With the bit clear, a program decodes exactly as it did before token steps.
/// Spec: house-style.md §6 ("FuzzModel … decodes bytes into command sequences").
package enum ModelProgram {
  /// The sessions a program runs in.
  package static let sessions: [SessionID] = ["s0", "s1", "s2"]

  static let names = [
    "admin", "app_user", "alice", "bob", "Alice", "ADMIN", "App_User", "carol_1",
    String(repeating: "n", count: 31), String(repeating: "m", count: 32), "bad-name", "", "bob ",
  ]
  static let passwordAlphabet = Array("abcXYZ0189!-_ 'é😀".unicodeScalars)

  /// The configuration chosen by the first byte.
  package static func configuration(_ reader: inout ByteReader) throws(ByteReader.OutOfData)
    -> ModelConfiguration
  {
    configuration(try reader.byte())
  }

  /// The configuration and whether token steps are on, both chosen by the first byte (token
  /// steps: its high bit, which the configuration does not use).
  package static func header(_ reader: inout ByteReader) throws(ByteReader.OutOfData)
    -> (configuration: ModelConfiguration, tokenSteps: Bool)
  {
    let byte = try reader.byte()
    return (configuration(byte), byte & 0x80 != 0)
  }

  /// The configuration that the first byte's low seven bits choose.
  static func configuration(_ byte: UInt8) -> ModelConfiguration {
    var configuration = ModelConfiguration()
    if byte & 0x07 != 0 { configuration.lockoutThreshold = Int(byte & 0x07) }
    if byte & 0x38 != 0 { configuration.maximumUsers = 2 + Int((byte >> 3) & 0x07) }
    if byte & 0x40 != 0 { configuration.minimumPasswordLength = 7 }
    return configuration
  }

  /// The next step of a program without token steps, with fields read against `state`.
  package static func step(_ reader: inout ByteReader, in state: ClusterState)
    throws(ByteReader.OutOfData) -> ModelStep
  {
    try step(&reader, in: state, files: [:], tokenSteps: false)
  }

  /// The next step, with fields read against `state` and, for token steps (when
  /// `tokenSteps`), against the token files in `files` (see `tokenStep`).
  package static func step(
    _ reader: inout ByteReader, in state: ClusterState, files: [String: FileInput],
    tokenSteps: Bool
  ) throws(ByteReader.OutOfData) -> ModelStep {
    let session = try reader.pick(sessions)
    let command: Command
    switch try reader.int(below: tokenSteps ? 32 : 16) {
    case 0: command = .clusterActivate(password: try password(&reader, state))
    case 1...3:
      command = .login(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state)))
    case 4: command = .logout
    case 5...7: command = try userCommand(.create, &reader, state, approval: approval)
    case 8...9: command = try userCommand(.delete, &reader, state, approval: approval)
    case 10: command = .userList
    case 11...13: command = try userCommand(.changePassword, &reader, state, approval: approval)
    case 14, 15: return .endSession(session)
    case let kind: return try tokenStep(kind - 16, &reader, session, state, files)
    }
    return .command(session, command)
  }

  /// A user command whose fields a step reads the same way with or without token steps.
  enum UserCommand {
    case create, delete, changePassword
  }

  /// `user create`, `user delete` or `user change-password`, its fields read in this order:
  /// (change-password only: a flags byte, 1 `--deregister-mfa`, 2 `--deregister-quorum`), name,
  /// role, (not delete: password), then the `--approval` field as `approval` reads it.
  static func userCommand(
    _ kind: UserCommand, _ reader: inout ByteReader, _ state: ClusterState,
    approval: (inout ByteReader) throws(ByteReader.OutOfData) -> String?
  ) throws(ByteReader.OutOfData) -> Command {
    switch kind {
    case .create:
      return .userCreate(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state), approval: try approval(&reader)))
    case .delete:
      return .userDelete(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          approval: try approval(&reader)))
    case .changePassword:
      let flags = try reader.byte()
      return .userChangePassword(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state), approval: try approval(&reader),
          deregisterMFA: flags & 1 != 0, deregisterQuorum: flags & 2 != 0))
    }
  }

  static func name(_ reader: inout ByteReader, _ state: ClusterState)
    throws(ByteReader.OutOfData) -> String
  {
    let choice = try reader.byte()
    guard choice < 0x80 else {
      return String(decoding: reader.bytes(upTo: Int(choice & 0x3F)), as: UTF8.self)
    }
    let existing = state.usersInListOrder.map(\.name)
    let all = existing + names
    let name = all[Int(choice) % all.count]
    return choice & 0x40 != 0 && Int(choice) % all.count < existing.count
      ? name.uppercased() : name
  }

  static func role(_ reader: inout ByteReader) throws(ByteReader.OutOfData) -> Role {
    try reader.pick(Role.selectable)
  }

  static func password(_ reader: inout ByteReader, _ state: ClusterState)
    throws(ByteReader.OutOfData) -> String?
  {
    let choice = try reader.byte()
    switch choice {
    case 0..<8: return nil
    case 8..<0x80:
      let users = state.usersInListOrder
      let stored = users.isEmpty ? "password" : try reader.pick(users).password
      switch choice % 4 {
      case 0: return stored + "x"
      case 1: return stored.uppercased()
      default: return stored
      }
    default:
      let length = Int(choice & 0x3F)
      let seed = Int(try reader.byte())
      var scalars = String.UnicodeScalarView()
      for index in 0..<length {
        scalars.append(passwordAlphabet[(seed + index * 7) % passwordAlphabet.count])
      }
      return String(scalars)
    }
  }

  private static func approval(_ reader: inout ByteReader) throws(ByteReader.OutOfData)
    -> String?
  {
    try reader.byte() & 1 == 0 ? nil : "approval.json"
  }
}
