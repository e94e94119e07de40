/// A CloudHSM CLI token file, as typed values: MFA and registration tokens, or a quorum token.
///
/// Two shapes exist: the MFA/registration file `{"version": "2.0", "tokens": [{"approval_data"?,
/// "unsigned", "signed"}]}` (one token per HSM) and the quorum file `{"version": "2.0",
/// "approval_data", "token", "signatures": [{"username", "signature"}]}`. Values are checked
/// here, once json-c has read the text: version "2.0", Base64 fields, `unsigned` and `token`
/// 32 bytes (a SHA-256 digest), signatures 256 bytes (RSA-2048) or empty (not signed yet),
/// `approval_data` at most 245 bytes in MFA files, unknown keys refused.
/// Spec: spec-digest.md §3.1 (TOK-MFA-001…005), §3.2 (TOK-Q-001…004).
package enum TokenFile: Hashable, Sendable {
  case mfa(MFATokens)
  case quorum(QuorumToken)

  /// One token per HSM: what to sign, and the signature once signed.
  package struct MFAToken: Hashable, Sendable {
    package var approvalData: [UInt8]?
    package var unsigned: [UInt8]
    /// Empty until signed.
    package var signed: [UInt8]

    package init(approvalData: [UInt8]? = nil, unsigned: [UInt8], signed: [UInt8] = []) {
      self.approvalData = approvalData
      self.unsigned = unsigned
      self.signed = signed
    }
  }

  /// The MFA or registration file.
  package struct MFATokens: Hashable, Sendable {
    package var tokens: [MFAToken]
    package init(tokens: [MFAToken]) { self.tokens = tokens }
  }

  /// One approver's signature of a quorum token.
  package struct Approval: Hashable, Sendable {
    package var username: String
    package var signature: [UInt8]
    package init(username: String, signature: [UInt8]) {
      self.username = username
      self.signature = signature
    }
  }

  /// The quorum (service) token file.
  package struct QuorumToken: Hashable, Sendable {
    package var approvalData: [UInt8]
    package var token: [UInt8]
    package var signatures: [Approval]
    package init(approvalData: [UInt8], token: [UInt8], signatures: [Approval] = []) {
      self.approvalData = approvalData
      self.token = token
      self.signatures = signatures
    }

    /// The first username that signs twice (in any letter case; the reader compares the same
    /// way and refuses such a file).
    package var repeatedApprover: String? {
      var seen = Set<String>()
      return signatures.first { !seen.insert($0.username.lowercased()).inserted }?
        .username
    }
  }

  /// The only version the documents show.
  package static let version = "2.0"
  static let digestLength = 32
  static let signatureLength = 256
  static let maximumApprovalData = 245
}

/// Why a token file's values were refused: a path into the JSON (`tokens[1].unsigned`) and
/// what is wrong there. The reader adds the file, line and column.
///
/// Spec: spec-digest.md §3.
package struct TokenFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Where: object keys and array indices from the root.
  package enum PathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
  }

  /// What is wrong.
  package enum Kind: Hashable, Sendable {
    case notAnObject
    case missingKey(String)
    case unknownKey(String)
    case wrongType(expected: String)
    case unsupportedVersion(String)
    case badBase64(Base64Error)
    case wrongLength(expected: String, actual: Int)
    case noTokens
    case duplicateApprover(String)
  }

  package var kind: Kind
  package var path: [PathComponent]

  package init(_ kind: Kind, at path: [PathComponent]) {
    self.kind = kind
    self.path = path
  }

  /// `tokens[1].unsigned`, or `(root)`.
  package var pathText: String {
    var text = ""
    for component in path {
      switch component {
      case .key(let key): text += text.isEmpty ? key : "." + key
      case .index(let index): text += "[\(index)]"
      }
    }
    return text.isEmpty ? "(root)" : text
  }

  package var message: String {
    switch kind {
    case .notAnObject: "a token file is a JSON object"
    case .missingKey(let key): "'\(key)' is missing"
    case .unknownKey(let key): "unknown key '\(key)'"
    case .wrongType(let expected): "expected \(expected)"
    case .unsupportedVersion(let version): "version '\(version)' is not supported (only \"2.0\")"
    case .badBase64(let error): "not Base64 at character \(error.offset + 1): \(error.problem)"
    case .wrongLength(let expected, let actual): "decodes to \(actual) bytes, expected \(expected)"
    case .noTokens: "'tokens' is empty (one token per HSM is expected)"
    case .duplicateApprover(let name): "approver '\(name)' signs more than once"
    }
  }

  package var description: String { "\(pathText): \(message)" }
}
