extension TokenFile {
  /// Validates a parsed token file (either shape, told apart by its keys).
  package init(json: JSONValue) throws(TokenFileError) {
    guard case .object(let pairs) = json else { throw TokenFileError(.notAnObject, at: []) }
    let keys = Set(pairs.map(\.key))
    if keys.contains("tokens") || !keys.contains("token") {
      self = .mfa(try MFATokens(json: json))
    } else {
      self = .quorum(try QuorumToken(json: json))
    }
  }

  /// The file as JSON, keys in the documented order (empty signatures as `""`).
  package var json: JSONValue {
    switch self {
    case .mfa(let file):
      return .object([
        ("version", .string(Self.version)),
        (
          "tokens",
          .array(
            file.tokens.map { token in
              var pairs: [(key: String, value: JSONValue)] = []
              if let data = token.approvalData {
                pairs.append(("approval_data", .string(Base64.encode(data))))
              }
              pairs.append(("unsigned", .string(Base64.encode(token.unsigned))))
              pairs.append(("signed", .string(Base64.encode(token.signed))))
              return .object(pairs)
            })
        ),
      ])
    case .quorum(let token):
      return .object([
        ("version", .string(Self.version)),
        ("approval_data", .string(Base64.encode(token.approvalData))),
        ("token", .string(Base64.encode(token.token))),
        (
          "signatures",
          .array(
            token.signatures.map {
              .object([
                ("username", .string($0.username)),
                ("signature", .string(Base64.encode($0.signature))),
              ])
            })
        ),
      ])
    }
  }
}

extension TokenFile.MFATokens {
  init(json: JSONValue) throws(TokenFileError) {
    let root = Fields(json, path: [])
    try root.only(["version", "tokens"])
    try root.version()
    let items = try root.array("tokens")
    guard !items.isEmpty else { throw TokenFileError(.noTokens, at: [.key("tokens")]) }
    tokens = []
    for (index, item) in items.enumerated() {
      let token = try Fields(item, path: [.key("tokens"), .index(index)], object: true)
      try token.only(["approval_data", "unsigned", "signed"])
      let data = try token.optionalBase64("approval_data", maximum: TokenFile.maximumApprovalData)
      let unsigned = try token.base64("unsigned", length: TokenFile.digestLength)
      let signed = try token.base64("signed", length: TokenFile.signatureLength, orEmpty: true)
      tokens.append(TokenFile.MFAToken(approvalData: data, unsigned: unsigned, signed: signed))
    }
  }
}

extension TokenFile.QuorumToken {
  init(json: JSONValue) throws(TokenFileError) {
    let root = Fields(json, path: [])
    try root.only(["version", "approval_data", "token", "signatures"])
    try root.version()
    approvalData = try root.base64("approval_data", length: nil)
    token = try root.base64("token", length: TokenFile.digestLength)
    signatures = []
    var seen = Set<String>()
    for (index, item) in try root.array("signatures").enumerated() {
      let path: [TokenFileError.PathComponent] = [.key("signatures"), .index(index)]
      let approval = try Fields(item, path: path, object: true)
      try approval.only(["username", "signature"])
      let username = try approval.string("username")
      guard seen.insert(username.lowercased()).inserted else {
        throw TokenFileError(.duplicateApprover(username), at: path + [.key("username")])
      }
      let signature = try approval.base64("signature", length: TokenFile.signatureLength)
      signatures.append(TokenFile.Approval(username: username, signature: signature))
    }
  }
}

/// Typed access to an object's members, with paths for errors.
private struct Fields {
  var pairs: [(key: String, value: JSONValue)]
  var path: [TokenFileError.PathComponent]

  init(_ value: JSONValue, path: [TokenFileError.PathComponent]) {
    if case .object(let pairs) = value { self.pairs = pairs } else { self.pairs = [] }
    self.path = path
  }

  init(_ value: JSONValue, path: [TokenFileError.PathComponent], object: Bool)
    throws(TokenFileError)
  {
    guard case .object = value else {
      throw TokenFileError(.wrongType(expected: "an object"), at: path)
    }
    self.init(value, path: path)
  }

  func only(_ keys: Set<String>) throws(TokenFileError) {
    for pair in pairs where !keys.contains(pair.key) {
      throw TokenFileError(.unknownKey(pair.key), at: path + [.key(pair.key)])
    }
  }

  func value(_ key: String) throws(TokenFileError) -> JSONValue {
    guard let pair = pairs.first(where: { $0.key == key }) else {
      throw TokenFileError(.missingKey(key), at: path)
    }
    return pair.value
  }

  func string(_ key: String) throws(TokenFileError) -> String {
    guard case .string(let text) = try value(key) else {
      throw TokenFileError(.wrongType(expected: "a string"), at: path + [.key(key)])
    }
    return text
  }

  func array(_ key: String) throws(TokenFileError) -> [JSONValue] {
    guard case .array(let items) = try value(key) else {
      throw TokenFileError(.wrongType(expected: "an array"), at: path + [.key(key)])
    }
    return items
  }

  func version() throws(TokenFileError) {
    let version = try string("version")
    guard version == TokenFile.version else {
      throw TokenFileError(.unsupportedVersion(version), at: path + [.key("version")])
    }
  }

  func base64(_ key: String, length: Int?, orEmpty: Bool = false) throws(TokenFileError) -> [UInt8]
  {
    let text = try string(key)
    if orEmpty && text.isEmpty { return [] }
    switch Base64.decode(text) {
    case .failure(let error): throw TokenFileError(.badBase64(error), at: path + [.key(key)])
    case .success(let bytes):
      if let length, bytes.count != length {
        let expected = orEmpty ? "\(length) (or an empty string)" : "\(length)"
        throw TokenFileError(
          .wrongLength(expected: expected, actual: bytes.count), at: path + [.key(key)])
      }
      return bytes
    }
  }

  func optionalBase64(_ key: String, maximum: Int) throws(TokenFileError) -> [UInt8]? {
    guard pairs.contains(where: { $0.key == key }) else { return nil }
    let bytes = try base64(key, length: nil)
    guard bytes.count <= maximum else {
      throw TokenFileError(
        .wrongLength(expected: "at most \(maximum)", actual: bytes.count), at: path + [.key(key)])
    }
    return bytes
  }
}
