package import ReferenceModel

/// One step of a model fuzz program: a command typed in a session, or a session's end of input.
///
/// Spec: sut-contract.md §2 (several sessions on one cluster); HSM-LOGOUT-003.
package enum ModelStep: Hashable, Sendable {
  case command(SessionID, Command)
  case endSession(SessionID)

  /// The step as a scenario line, e.g. `[s1] user list` or `[s0] (end of input)`.
  package var text: String {
    switch self {
    case .command(let session, let command): "[\(session)] \(canonicalText(.command(command)))"
    case .endSession(let session): "[\(session)] (end of input)"
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
    let byte = try reader.byte()
    var configuration = ModelConfiguration()
    if byte & 0x07 != 0 { configuration.lockoutThreshold = Int(byte & 0x07) }
    if byte & 0x38 != 0 { configuration.maximumUsers = 2 + Int((byte >> 3) & 0x07) }
    if byte & 0x40 != 0 { configuration.minimumPasswordLength = 7 }
    return configuration
  }

  /// The next step, with fields read against `state`.
  package static func step(_ reader: inout ByteReader, in state: ClusterState)
    throws(ByteReader.OutOfData) -> ModelStep
  {
    let session = try reader.pick(sessions)
    let command: Command
    switch try reader.int(below: 16) {
    case 0: command = .clusterActivate(password: try password(&reader, state))
    case 1...3:
      command = .login(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state)))
    case 4: command = .logout
    case 5...7:
      command = .userCreate(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state), approval: try approval(&reader)))
    case 8...9:
      command = .userDelete(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          approval: try approval(&reader)))
    case 10: command = .userList
    case 11...13:
      let flags = try reader.byte()
      command = .userChangePassword(
        .init(
          username: try name(&reader, state), role: try role(&reader),
          password: try password(&reader, state), approval: try approval(&reader),
          deregisterMFA: flags & 1 != 0, deregisterQuorum: flags & 2 != 0))
    default: return .endSession(session)
    }
    return .command(session, command)
  }

  private static func name(_ reader: inout ByteReader, _ state: ClusterState)
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

  private static func role(_ reader: inout ByteReader) throws(ByteReader.OutOfData) -> Role {
    try reader.pick(Role.selectable)
  }

  private static func password(_ reader: inout ByteReader, _ state: ClusterState)
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
