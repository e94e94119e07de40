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
        ("creation_index", .int(Int64(user.creationIndex))),
      ])
    }
    let loginValues: [JSONValue] = logins.sorted { $0.key < $1.key }.map {
      .object([("session", .string($0.key.rawValue)), ("user", .string($0.value))])
    }
    let c = configuration
    return .object([
      ("format", .string("user-rules-conformance/cluster@1")),
      (
        "configuration",
        .object([
          ("minimum_password_length", .int(Int64(c.minimumPasswordLength))),
          ("maximum_password_length", .int(Int64(c.maximumPasswordLength))),
          ("lockout_threshold", .int(Int64(c.lockoutThreshold))),
          ("maximum_users", .int(Int64(c.maximumUsers))),
          ("initial_admin_password", .string(c.initialAdminPassword)),
          ("mutant", c.mutant.map { .string($0.rawValue) } ?? .null),
        ])
      ),
      ("activated", .bool(isActivated)),
      ("next_creation_index", .int(Int64(nextCreationIndex))),
      ("users", .array(userValues)),
      ("logins", .array(loginValues)),
    ])
  }

  /// Reads a state written by `snapshot`; every field is checked, and the result must satisfy
  /// the invariants.
  package init(snapshot: JSONValue) throws(SnapshotError) {
    var reader = SnapshotReader(root: snapshot)
    guard try reader.string("format") == "user-rules-conformance/cluster@1" else {
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
      users[user.name] = user
    }
    logins = [:]
    for (index, item) in try reader.array("logins").enumerated() {
      var l = SnapshotReader(root: item, prefix: "logins[\(index)].")
      logins[SessionID(try l.string("session"))] = try l.string("user")
    }
    if configuration.mutant == nil, let violation = checkInvariants().first {
      throw SnapshotError(path: "(state)", problem: "breaks an invariant: \(violation)")
    }
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
