import ReferenceModel

/// The members of one JSON object in a report or baseline file, read with typed errors that
/// carry the path of what is wrong.
///
/// Spec: `ReportFormatError` (what each error points at).
struct ReportFields {
  let members: [(key: String, value: JSONValue)]
  let path: [JSONPathComponent]

  /// The object `value`, found at `path`; anything else is a wrong type.
  init(_ value: JSONValue, at path: [JSONPathComponent]) throws(ReportFormatError) {
    guard case .object(let members) = value else {
      throw ReportFormatError(
        .wrongType(expected: "an object", found: Self.kind(of: value)), at: path)
    }
    self.members = members
    self.path = path
  }

  /// The value of `key`, or nil when the object does not have it.
  func optional(_ key: String) -> JSONValue? {
    members.first { $0.key == key }?.value
  }

  /// The value of `key`, which must be present.
  func required(_ key: String) throws(ReportFormatError) -> JSONValue {
    guard let value = optional(key) else { throw ReportFormatError(.missingKey(key), at: path) }
    return value
  }

  func string(_ key: String) throws(ReportFormatError) -> String {
    try Self.string(required(key), at: path + [.key(key)])
  }

  /// The string at `key`, or nil when the key is absent (present and not a string is an error).
  func optionalString(_ key: String) throws(ReportFormatError) -> String? {
    guard let value = optional(key) else { return nil }
    return try Self.string(value, at: path + [.key(key)])
  }

  func bool(_ key: String) throws(ReportFormatError) -> Bool {
    let value = try required(key)
    guard case .bool(let flag) = value else {
      throw ReportFormatError(
        .wrongType(expected: "true or false", found: Self.kind(of: value)), at: path + [.key(key)])
    }
    return flag
  }

  /// The array of objects at `key`, each with its own path.
  func objects(_ key: String) throws(ReportFormatError) -> [ReportFields] {
    let value = try required(key)
    guard case .array(let items) = value else {
      throw ReportFormatError(
        .wrongType(expected: "an array", found: Self.kind(of: value)), at: path + [.key(key)])
    }
    var result: [ReportFields] = []
    for (index, item) in items.enumerated() {
      result.append(try ReportFields(item, at: path + [.key(key), .index(index)]))
    }
    return result
  }

  /// Throws for the first key that `allowed` does not list.
  func rejectUnknownKeys(allowed: [String]) throws(ReportFormatError) {
    if let unknown = members.first(where: { !allowed.contains($0.key) }) {
      throw ReportFormatError(
        .unknownKey(unknown.key, expected: allowed), at: path + [.key(unknown.key)])
    }
  }

  private static func string(_ value: JSONValue, at path: [JSONPathComponent])
    throws(ReportFormatError) -> String
  {
    guard case .string(let text) = value else {
      throw ReportFormatError(
        .wrongType(expected: "a string", found: Self.kind(of: value)), at: path)
    }
    return text
  }

  /// The JSON type, with an article, for error messages: `a string`, `an array`, `null`.
  static func kind(of value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
