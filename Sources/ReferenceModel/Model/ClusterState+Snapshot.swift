/// Why a stored cluster snapshot could not be read back.
///
/// `path` names the JSON location (`users[2].role`) of the first problem.
/// Spec: issue #4 "state on disk"; the simulator's state file.
package struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
  package var path: String
  package var problem: String
  package var description: String { "\(path): \(problem)" }
}

extension ClusterState {
  /// The whole state as JSON, for the simulator's state file (configuration included).
  package var snapshot: JSONValue {
    let userValues: [JSONValue] = usersInListOrder.map { user in
      .object([
        ("name", .string(user.name)), ("role", .string(user.role.wireName)),
        ("password", .string(user.password)), ("failed_logins", .int(Int64(user.failedLogins))),
        ("locked", .bool(user.locked)), ("mfa", .bool(user.mfaRegistered)),
        ("quorum", .bool(user.quorumRegistered)),
        ("public_key", user.publicKeyPEM.map { .string($0) } ?? .null),
        ("creation_index", .int(Int64(user.creationIndex))),
      ])
    }
    let loginValues: [JSONValue] = logins.sorted { $0.key < $1.key }.map {
      .object([("session", .string($0.key.rawValue)), ("user", .string($0.value))])
    }
    let challengeValues: [JSONValue] = challenges.sorted { $0.key < $1.key }.map {
      .object([
        ("session", .string($0.key.rawValue)),
        ("command", .string(CommandLinePrinter.text(for: .command($0.value.command)))),
        ("unsigned", .array($0.value.unsigned.map { .string(Base64.encode($0)) })),
      ])
    }
    let tokenValues: [JSONValue] = issuedTokens.map {
      .object([
        ("session", .string($0.session.rawValue)), ("user", .string($0.username)),
        ("service", .string($0.service.wireName)),
        ("approval_data", .string(Base64.encode($0.approvalData))),
        ("digest", .string(Base64.encode($0.digest))),
      ])
    }
    let c = configuration
    return .object([
      ("format", .string("user-rules-conformance/cluster@2")),
      (
        "configuration",
        .object([
          ("minimum_password_length", .int(Int64(c.minimumPasswordLength))),
          ("maximum_password_length", .int(Int64(c.maximumPasswordLength))),
          ("lockout_threshold", .int(Int64(c.lockoutThreshold))),
          ("maximum_users", .int(Int64(c.maximumUsers))),
          ("initial_admin_password", .string(c.initialAdminPassword)),
          ("hsm_count", .int(Int64(c.hsmCount))),
          ("mutant", c.mutant.map { .string($0.rawValue) } ?? .null),
        ])
      ),
      ("activated", .bool(isActivated)),
      ("next_creation_index", .int(Int64(nextCreationIndex))),
      ("users", .array(userValues)),
      ("logins", .array(loginValues)),
      ("quorum_values", quorumValuesData),
      ("token_serial", .int(Int64(tokenSerial))),
      ("challenges", .array(challengeValues)),
      ("tokens", .array(tokenValues)),
    ])
  }

  /// Reads a state written by `snapshot`; every field is checked, and the result must satisfy
  /// the invariants.
  package init(snapshot: JSONValue) throws(SnapshotError) {
    var reader = SnapshotReader(root: snapshot)
    guard try reader.string("format") == "user-rules-conformance/cluster@2" else {
      throw SnapshotError(path: "format", problem: "unknown format")
    }
    let configurationValue = try reader.value("configuration")
    var configuration = ModelConfiguration()
    var c = SnapshotReader(root: configurationValue, prefix: "configuration.")
    configuration.minimumPasswordLength = try c.int("minimum_password_length")
    configuration.maximumPasswordLength = try c.int("maximum_password_length")
    configuration.lockoutThreshold = try c.int("lockout_threshold")
    configuration.maximumUsers = try c.int("maximum_users")
    configuration.initialAdminPassword = try c.string("initial_admin_password")
    configuration.hsmCount = try c.int("hsm_count")
    if case .string(let name)? = configurationValue["mutant"] {
      guard let mutant = Mutant(rawValue: name) else {
        throw SnapshotError(path: "configuration.mutant", problem: "unknown mutant \(name)")
      }
      configuration.mutant = mutant
    }
    self.init(configuration: configuration)
    isActivated = try reader.bool("activated")
    nextCreationIndex = try reader.int("next_creation_index")
    users = [:]
    for (index, item) in try reader.array("users").enumerated() {
      var u = SnapshotReader(root: item, prefix: "users[\(index)].")
      let roleName = try u.string("role")
      guard let role = Role.allCases.first(where: { $0.wireName == roleName }) else {
        throw SnapshotError(path: "users[\(index)].role", problem: "unknown role \(roleName)")
      }
      var user = User(
        name: try u.string("name"), role: role, password: try u.string("password"),
        creationIndex: try u.int("creation_index"))
      user.failedLogins = try u.int("failed_logins")
      user.locked = try u.bool("locked")
      user.mfaRegistered = try u.bool("mfa")
      user.quorumRegistered = try u.bool("quorum")
      if case .string(let pem)? = item["public_key"] { user.publicKeyPEM = pem }
      users[user.name] = user
    }
    logins = [:]
    for (index, item) in try reader.array("logins").enumerated() {
      var l = SnapshotReader(root: item, prefix: "logins[\(index)].")
      logins[SessionID(try l.string("session"))] = try l.string("user")
    }
    var q = SnapshotReader(root: try reader.value("quorum_values"), prefix: "quorum_values.")
    for service in QuorumService.valued { quorumValues[service] = try q.int(service.wireName) }
    tokenSerial = try reader.int("token_serial")
    for (index, item) in try reader.array("challenges").enumerated() {
      var r = SnapshotReader(root: item, prefix: "challenges[\(index)].")
      guard case .command(let command)? = try? CommandLineParser.parse(try r.string("command"))
      else { throw SnapshotError(path: "challenges[\(index)].command", problem: "not a command") }
      let unsigned = try r.array("unsigned").enumerated().map { i, value throws(SnapshotError) in
        try Self.bytes(value, path: "challenges[\(index)].unsigned[\(i)]")
      }
      challenges[SessionID(try r.string("session"))] = Challenge(command: command, unsigned: unsigned)
    }
    for (index, item) in try reader.array("tokens").enumerated() {
      var t = SnapshotReader(root: item, prefix: "tokens[\(index)].")
      let name = try t.string("service")
      guard let service = QuorumService(cliValue: name) else {
        throw SnapshotError(path: "tokens[\(index)].service", problem: "unknown service \(name)")
      }
      issuedTokens.append(
        IssuedToken(
          session: SessionID(try t.string("session")), username: try t.string("user"),
          service: service,
          approvalData: try Self.bytes(try t.value("approval_data"), path: "tokens[\(index)]"),
          digest: try Self.bytes(try t.value("digest"), path: "tokens[\(index)]")))
    }
    if configuration.mutant == nil, let violation = checkInvariants().first {
      throw SnapshotError(path: "(state)", problem: "breaks an invariant: \(violation)")
    }
  }
}

extension ClusterState {
  /// Base64 bytes in a snapshot.
  fileprivate static func bytes(_ value: JSONValue, path: String) throws(SnapshotError) -> [UInt8] {
    guard case .string(let text) = value, case .success(let bytes) = Base64.decode(text) else {
      throw SnapshotError(path: path, problem: "expected Base64 text")
    }
    return bytes
  }
}

/// Typed field access with a path for error messages.
private struct SnapshotReader {
  var root: JSONValue
  var prefix = ""

  func value(_ key: String) throws(SnapshotError) -> JSONValue {
    guard let value = root[key] else {
      throw SnapshotError(path: prefix + key, problem: "missing")
    }
    return value
  }
  mutating func string(_ key: String) throws(SnapshotError) -> String {
    guard case .string(let s) = try value(key) else { throw mismatch(key, "a string") }
    return s
  }
  mutating func int(_ key: String) throws(SnapshotError) -> Int {
    guard case .int(let i) = try value(key), let int = Int(exactly: i) else {
      throw mismatch(key, "an integer")
    }
    return int
  }
  mutating func bool(_ key: String) throws(SnapshotError) -> Bool {
    guard case .bool(let b) = try value(key) else { throw mismatch(key, "a boolean") }
    return b
  }
  mutating func array(_ key: String) throws(SnapshotError) -> [JSONValue] {
    guard case .array(let a) = try value(key) else { throw mismatch(key, "an array") }
    return a
  }
  func mismatch(_ key: String, _ expected: String) -> SnapshotError {
    SnapshotError(path: prefix + key, problem: "expected \(expected)")
  }
}
