/// The signing keys of one test case, by name: how the harness signs tokens for the scenario's
/// users, and the public key each name has. Injected: the model does no cryptography.
package struct KeyRing: Sendable {
  /// The names, in declaration order.
  package var names: [String]
  /// Signs a 32-byte digest with the named key; `nil` for an unknown name.
  package var sign: @Sendable (_ key: String, _ digest: [UInt8]) -> [UInt8]?
  /// The named key's public key as PEM text.
  package var publicKeyPEM: @Sendable (_ key: String) -> String?

  package init(
    names: [String], sign: @escaping @Sendable (String, [UInt8]) -> [UInt8]?,
    publicKeyPEM: @escaping @Sendable (String) -> String?
  ) {
    self.names = names
    self.sign = sign
    self.publicKeyPEM = publicKeyPEM
  }

  /// No keys.
  package static let empty = KeyRing(names: [], sign: { _, _ in nil }, publicKeyPEM: { _ in nil })

  /// Where a scenario finds a key's public PEM file: `{workdir}/NAME.pem`.
  package static func publicKeyPath(_ name: String) -> String { "{workdir}/\(name).pem" }
}

/// Something the harness does to a token file on a user's behalf, between or inside steps.
///
/// Answer directives (`< {sign alice}`) sign the file the command just wrote and answer with an
/// empty line; `[harness]` steps sign, approve or tamper with a named file. The same
/// transformation runs on the model's in-memory files and on the SUT's real ones.
/// Spec: scenarios/README.md "Token files"; spec-digest.md §3.
package enum TokenAction: Hashable, Sendable {
  /// What else to do after signing, to make a bad file on purpose.
  package enum Twist: String, Hashable, Sendable, CaseIterable {
    /// Flip one bit of the first token's unsigned value after signing.
    case tamper
    /// Drop the last token (a file for another HSM count).
    case drop
  }

  /// Sign every token of an MFA-shaped file with `key`; `file` nil means the file the current
  /// command wrote.
  case sign(file: String?, key: String, twist: Twist?)
  /// Add one approval per `(username, key)` to a quorum token file.
  case approve(file: String, approvers: [Approver])
  /// Change one byte of a quorum token's approval data.
  case tamper(file: String)

  /// An approver: the username written into the file and the key that signs.
  package struct Approver: Hashable, Sendable {
    package var username: String
    package var key: String

    package init(username: String, key: String) {
      self.username = username
      self.key = key
    }
  }

  /// The file the action changes (`nil`: the current command's unsigned file).
  package var file: String? {
    switch self {
    case .sign(let file, _, _): file
    case .approve(let file, _), .tamper(let file): file
    }
  }

  /// The key names the action signs with.
  package var keys: [String] {
    switch self {
    case .sign(_, let key, _): [key]
    case .approve(_, let approvers): approvers.map(\.key)
    case .tamper: []
    }
  }

  /// Reads an answer directive: `{sign KEY}` or `{sign KEY tamper|drop}`; nil for a plain
  /// answer.
  package static func answerDirective(_ text: String) -> TokenAction? {
    guard text.hasPrefix("{sign "), text.hasSuffix("}") else { return nil }
    let words = text.dropFirst().dropLast().split(separator: " ").map(String.init)
    guard words.count == 2 || words.count == 3 else { return nil }
    let twist = words.count == 3 ? Twist(rawValue: words[2]) : nil
    if words.count == 3 && twist == nil { return nil }
    return .sign(file: nil, key: words[1], twist: twist)
  }

  /// Reads a `[harness]` step: `sign FILE KEY [tamper|drop]`, `approve FILE USER[:KEY]…` or
  /// `tamper FILE`; the error says what is wrong.
  package static func step(_ line: String) -> Result<TokenAction, TokenActionError> {
    let words = line.split(separator: " ").map(String.init)
    guard let verb = words.first else { return .failure(.init("an empty harness step")) }
    switch verb {
    case "sign" where words.count == 3 || words.count == 4:
      var twist: Twist?
      if words.count == 4 {
        guard let value = Twist(rawValue: words[3]) else {
          return .failure(.init("'\(words[3])' is not tamper or drop"))
        }
        twist = value
      }
      return .success(.sign(file: words[1], key: words[2], twist: twist))
    case "approve" where words.count >= 3:
      let approvers = words.dropFirst(2).map { word -> Approver in
        let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
        return Approver(username: parts[0], key: parts.count > 1 ? parts[1] : parts[0])
      }
      return .success(.approve(file: words[1], approvers: approvers))
    case "tamper" where words.count == 2:
      return .success(.tamper(file: words[1]))
    default:
      return .failure(
        .init(
          "expected 'sign FILE KEY [tamper|drop]', 'approve FILE USER[:KEY]…' or 'tamper FILE'"))
    }
  }

  /// The step's text, as `step(_:)` reads it.
  package var stepText: String {
    switch self {
    case .sign(let file, let key, let twist):
      (["sign", file ?? "", key] + (twist.map { [$0.rawValue] } ?? [])).joined(separator: " ")
    case .approve(let file, let approvers):
      (["approve", file]
        + approvers.map { $0.key == $0.username ? $0.username : "\($0.username):\($0.key)" })
        .joined(separator: " ")
    case .tamper(let file): "tamper \(file)"
    }
  }

  /// Does the action on in-memory files; `defaultFile` is the current command's unsigned file.
  package func perform(
    on files: inout [String: FileInput], defaultFile: String? = nil, keys: KeyRing
  ) -> Result<Void, TokenActionError> {
    guard let path = file ?? defaultFile else { return .failure(.init("no token file to sign")) }
    guard case .token(let current)? = files[path] else {
      return .failure(.init("\(path) holds no token file"))
    }
    // The harness reads a real file before changing it, and the reader refuses a quorum file
    // that names an approver twice (an `approve` step can write one): refuse it here too.
    if case .quorum(let quorum) = current, let name = quorum.repeatedApprover {
      return .failure(.init("\(path): approver '\(name)' signs more than once"))
    }
    return apply(to: current, keys: keys).map { files[path] = .token($0) }
  }

  /// The file after the action, or why it cannot be done.
  package func apply(to file: TokenFile, keys: KeyRing) -> Result<TokenFile, TokenActionError> {
    switch (self, file) {
    case (.sign(_, let key, let twist), .mfa(var mfa)):
      for index in mfa.tokens.indices {
        guard let signature = keys.sign(key, mfa.tokens[index].unsigned) else {
          return .failure(.init("no key named '\(key)' (declare it in '# keys:')"))
        }
        mfa.tokens[index].signed = signature
      }
      // A file can be left without tokens (`drop` on a one-token registration file): a twist
      // then has nothing to change, and says so instead of trapping (Model fuzz target).
      switch twist {
      case .tamper?:
        guard let first = mfa.tokens.first, !first.unsigned.isEmpty else {
          return .failure(.init("no token left to tamper with"))
        }
        mfa.tokens[0].unsigned[0] ^= 0x01
      case .drop?:
        guard !mfa.tokens.isEmpty else { return .failure(.init("no token left to drop")) }
        mfa.tokens.removeLast()
      case nil: break
      }
      return .success(.mfa(mfa))
    case (.approve(_, let approvers), .quorum(var quorum)):
      for approver in approvers {
        guard let signature = keys.sign(approver.key, quorum.token) else {
          return .failure(.init("no key named '\(approver.key)' (declare it in '# keys:')"))
        }
        quorum.signatures.append(.init(username: approver.username, signature: signature))
      }
      return .success(.quorum(quorum))
    case (.tamper, .quorum(var quorum)):
      guard !quorum.approvalData.isEmpty else { return .failure(.init("no approval data")) }
      quorum.approvalData[quorum.approvalData.count - 1] ^= 0x01
      return .success(.quorum(quorum))
    case (.sign, .quorum):
      return .failure(.init("'sign' needs an MFA or registration token file, not a quorum token"))
    case (.approve, .mfa), (.tamper, .mfa):
      return .failure(.init("'approve' and 'tamper' need a quorum token file"))
    }
  }
}

/// Why a token action could not be read or done.
package struct TokenActionError: Error, Hashable, Sendable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}

extension KeyRing {
  /// Keys without cryptography, for pinning expectations and for model tests: a "signature"
  /// is a hash of the digest and the key's name, 256 bytes long, and checks only against the
  /// same name. Outcomes depend only on which key signed, so they equal real RSA's.
  package static func symbolic(_ names: [String]) -> KeyRing {
    KeyRing(
      names: names,
      sign: { name, digest in names.contains(name) ? symbolicSignature(name, digest) : nil },
      publicKeyPEM: { name in names.contains(name) ? symbolicPrefix + name : nil })
  }

  static let symbolicPrefix = "symbolic public key of "

  /// The key name of a symbolic public key; nil for any other text.
  ///
  /// The name is what follows the prefix byte for byte: `hasPrefix` and `dropFirst` on
  /// `String` work on grapheme clusters, and a name that starts with a combining mark joins the
  /// prefix's final space into one cluster, so the key's own signature was refused (found by
  /// the TokenFile fuzz target).
  package static func symbolicName(ofPublicKey publicKeyPEM: String) -> String? {
    let prefix = symbolicPrefix.utf8
    guard publicKeyPEM.utf8.starts(with: prefix) else { return nil }
    return String(decoding: publicKeyPEM.utf8.dropFirst(prefix.count), as: UTF8.self)
  }

  static func symbolicSignature(_ name: String, _ digest: [UInt8]) -> [UInt8] {
    let hash = SHA256.hash(digest + Array(name.utf8))
    return Array(repeating: hash, count: 8).flatMap { $0 }
  }
}

extension SignatureVerifier {
  /// The check that goes with `KeyRing.symbolic`.
  package static let symbolic = SignatureVerifier { signature, digest, publicKeyPEM in
    guard let name = KeyRing.symbolicName(ofPublicKey: publicKeyPEM) else { return false }
    return signature == KeyRing.symbolicSignature(name, digest)
  }
}
