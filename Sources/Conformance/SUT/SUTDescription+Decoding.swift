import ReferenceModel

/// Turns the `JSONValue` of a SUT description into a `SUTDescription`, placing each error
/// with `JSONLocator` in the file's bytes.
///
/// Spec: sut-contract.md §1, §3; the order of checks is documented on `SUTDescription`.
struct SUTFileReader {
  typealias Path = [JSONPathComponent]
  typealias Members = [(key: String, value: JSONValue)]

  static let cliKeys = ["name", "profile", "session", "setup", "timeout_ms", "capabilities", "env"]
  static let iamKeys = [
    "name", "profile", "endpoint", "region", "admin", "root", "timeout_ms", "capabilities",
  ]
  static let adminKeys = ["access_key_id", "secret_access_key"]

  let file: String
  let bytes: [UInt8]
  let locator: JSONLocator

  init(file: String, bytes: [UInt8]) {
    self.file = file
    self.bytes = bytes
    self.locator = JSONLocator(bytes)
  }

  func description(from root: JSONValue) throws(SUTDescriptionError) -> SUTDescription {
    let members = try object(root, at: [])
    let profileName = try required("profile", in: members, at: [], as: string)
    let isCLI: Bool
    switch profileName {
    case "cloudhsm-cli": isCLI = true
    case "iam": isCLI = false
    default: throw error(.invalidProfile(profileName), value: [.key("profile")])
    }
    try rejectUnknownKeys(in: members, at: [], allowed: isCLI ? Self.cliKeys : Self.iamKeys)
    let name = try required("name", in: members, at: [], as: string)
    let profile = try isCLI ? cli(members) : iam(members)
    let timeout = try optional("timeout_ms", in: members, at: [], as: integer)
    if let timeout, !(1...Int64(SUTDescription.maximumTimeoutMilliseconds)).contains(timeout) {
      throw error(.timeoutOutOfRange(timeout), value: [.key("timeout_ms")])
    }
    let capabilities = try optional("capabilities", in: members, at: [], as: strings) ?? []
    return SUTDescription(
      name: name, profile: profile,
      timeoutMilliseconds: timeout.map { Int($0) } ?? SUTDescription.defaultTimeoutMilliseconds,
      capabilities: capabilities)
  }

  private func cli(_ members: Members) throws(SUTDescriptionError) -> SUTDescription.Profile {
    let session = try required("session", in: members, at: [], as: argv)
    let setup = try optional("setup", in: members, at: [], as: argv)
    let environment = try optional("env", in: members, at: [], as: stringMap) ?? [:]
    return .cloudhsmCLI(.init(session: session, setup: setup, environment: environment))
  }

  private func iam(_ members: Members) throws(SUTDescriptionError) -> SUTDescription.Profile {
    let endpoint = try required("endpoint", in: members, at: [], as: string)
    let region = try required("region", in: members, at: [], as: string)
    let admin = try required("admin", in: members, at: [], as: credentials)
    let root = try optional("root", in: members, at: [], as: credentials)
    // Checked after the types of every IAM key, so that the order of errors stays the same.
    if case .failure(let problem) = SUTDescription.IAM.hostAndPort(of: endpoint) {
      throw error(.invalidValue(key: "endpoint", reason: problem.reason), value: [.key("endpoint")])
    }
    return .iam(.init(endpoint: endpoint, region: region, admin: admin, root: root))
  }

  // MARK: Values

  private func string(_ value: JSONValue, at path: Path) throws(SUTDescriptionError) -> String {
    guard case .string(let text) = value else { throw wrongType(value, "a string", at: path) }
    return text
  }

  private func integer(_ value: JSONValue, at path: Path) throws(SUTDescriptionError) -> Int64 {
    guard case .int(let number) = value else { throw wrongType(value, "an integer", at: path) }
    return number
  }

  private func strings(_ value: JSONValue, at path: Path) throws(SUTDescriptionError) -> [String] {
    guard case .array(let items) = value else {
      throw wrongType(value, "an array of strings", at: path)
    }
    var result: [String] = []
    for (index, item) in items.enumerated() {
      result.append(try string(item, at: path + [.index(index)]))
    }
    return result
  }

  private func argv(_ value: JSONValue, at path: Path) throws(SUTDescriptionError) -> [String] {
    let items = try strings(value, at: path)
    guard !items.isEmpty else { throw error(.emptyArgv(key: path.rendered), value: path) }
    // A C string ends at its first NUL: the process would get another argument than the one
    // the file shows.
    if let index = items.firstIndex(where: { $0.utf8.contains(0) }) {
      let item = path + [.index(index)]
      throw error(
        .invalidValue(key: item.rendered, reason: "contains a NUL character"), value: item)
    }
    return items
  }

  private func stringMap(
    _ value: JSONValue, at path: Path
  ) throws(SUTDescriptionError) -> [String: String] {
    var result: [String: String] = [:]
    for (key, item) in try object(value, at: path) {
      let itemPath = path + [.key(key)]
      let text = try string(item, at: itemPath)
      // An environment entry is `KEY=VALUE` as a C string.
      if key.isEmpty || key.contains("=") || key.utf8.contains(0) {
        throw error(
          .invalidValue(
            key: itemPath.rendered,
            reason: "is not a usable environment variable name (empty, or with '=' or NUL)"),
          value: itemPath)
      }
      if text.utf8.contains(0) {
        throw error(
          .invalidValue(key: itemPath.rendered, reason: "contains a NUL character"), value: itemPath
        )
      }
      result[key] = text
    }
    return result
  }

  private func credentials(
    _ value: JSONValue, at path: Path
  ) throws(SUTDescriptionError) -> SUTDescription.Credentials {
    let members = try object(value, at: path)
    try rejectUnknownKeys(in: members, at: path, allowed: Self.adminKeys)
    return SUTDescription.Credentials(
      accessKeyID: try required("access_key_id", in: members, at: path, as: string),
      secretAccessKey: try required("secret_access_key", in: members, at: path, as: string))
  }

  // MARK: Objects

  private func object(_ value: JSONValue, at path: Path) throws(SUTDescriptionError) -> Members {
    guard case .object(let members) = value else {
      throw error(.notAnObject(key: path.rendered, found: Self.typeName(value)), value: path)
    }
    return members
  }

  private func rejectUnknownKeys(
    in members: Members, at path: Path, allowed: [String]
  ) throws(SUTDescriptionError) {
    guard let unknown = members.first(where: { !allowed.contains($0.key) }) else { return }
    let keyPath = path + [.key(unknown.key)]
    let offset = locator.keyOffset(at: keyPath) ?? 0
    throw SUTDescriptionError(
      .unknownKey(keyPath.rendered, expected: allowed), file: file, bytes: bytes, offset: offset)
  }

  private func required<T>(
    _ key: String, in members: Members, at path: Path,
    as convert: (JSONValue, Path) throws(SUTDescriptionError) -> T
  ) throws(SUTDescriptionError) -> T {
    guard let value = try optional(key, in: members, at: path, as: convert) else {
      throw error(.missingKey((path + [.key(key)]).rendered), value: path)
    }
    return value
  }

  private func optional<T>(
    _ key: String, in members: Members, at path: Path,
    as convert: (JSONValue, Path) throws(SUTDescriptionError) -> T
  ) throws(SUTDescriptionError) -> T? {
    guard let member = members.last(where: { $0.key == key }) else { return nil }
    return try convert(member.value, path + [.key(key)])
  }

  // MARK: Errors

  private func error(_ kind: SUTDescriptionError.Kind, value path: Path) -> SUTDescriptionError {
    let offset = locator.valueOffset(at: path) ?? 0
    return SUTDescriptionError(kind, file: file, bytes: bytes, offset: offset)
  }

  private func wrongType(_ value: JSONValue, _ expected: String, at path: Path)
    -> SUTDescriptionError
  {
    let kind = SUTDescriptionError.Kind.wrongType(
      key: path.rendered, expected: expected, found: Self.typeName(value))
    return error(kind, value: path)
  }

  static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .int: "an integer"
    case .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
