package import ReferenceModel

/// Property 3 of `checkTokenFile`: signed tokens verify, and changed ones never do.
///
/// **Why "never verifies" is a genuine property here.** The symbolic scheme signs a 32-byte
/// digest with a named key as SHA-256(digest ‖ name) repeated eight times, and its verifier
/// compares all 256 bytes (`KeyRing.symbolic`, `SignatureVerifier.symbolic`). So a changed
/// signature byte never verifies, and neither does a changed digest byte (the digest has a fixed
/// length, so digest ‖ name is unambiguous, and a SHA-256 collision is beyond a fuzzer). The
/// signature does not cover `approval_data`, though: a changed approval-data byte would still
/// pass the verifier. It is protected by the other half of the scheme, the digest being the
/// SHA-256 of the approval data (TOK-Q-002 for quorum tokens; the registration token's
/// `unsigned` is "a SHA256 hashed token of the approval_data", spec-digest §3.1), which
/// `verifies` checks too and `signedCopy` establishes before signing. The bytes changed are
/// exactly those: approval data, digests and signatures. Usernames and the version are not
/// changed: they are not signed bytes (a changed username names another key, whose signature
/// it is not, but that is the key look-up's property, not the signature's).
/// Spec: issue #7; spec-digest.md §3.1, §3.2 (TOK-Q-002), §3.3.
extension TokenFileCheck {
  /// The key that signs MFA and registration tokens, and approves quorum tokens that have no
  /// approvers of their own.
  package static let signer = "signer"

  /// A signed file and the keys that check it.
  package typealias Signed = (file: TokenFile, keys: KeyRing)

  /// A signed copy of `file` reads back as itself once written, verifies, and does not verify
  /// once the protected byte that `choice` picks is changed (XORed with a mask it picks too).
  static func checkSignatures(
    _ file: TokenFile, choice: UInt64, verifier: SignatureVerifier,
    write: (TokenFile) -> [UInt8]
  ) -> [ReaderViolation] {
    let signed: TokenFile
    let keys: KeyRing
    switch signedCopy(of: file) {
    case .success(let copy): (signed, keys) = copy
    case .failure(let error):
      return [ReaderViolation(kind: "signing-failed", detail: "\(file): \(error)")]
    }
    var violations = checkWriteBack(signed, write: write)
    guard verifies(signed, keys: keys, verifier: verifier) else {
      return violations + [
        ReaderViolation(kind: "signed-file-does-not-verify", detail: "\(signed)")
      ]
    }
    let protected = protectedByteCount(signed)
    guard protected > 0 else { return violations }
    var generator = SplitMix64(seed: choice)
    let position = Int(generator.next() % UInt64(protected))
    let mask = UInt8(generator.next() % 255) + 1
    if let (changed, field) = changing(signed, byte: position, by: mask),
      verifies(changed, keys: keys, verifier: verifier)
    {
      violations.append(
        ReaderViolation(
          kind: "changed-file-verifies",
          detail: "\(field) XOR 0x\(String(mask, radix: 16)) in \(signed) still verifies"))
    }
    return violations
  }

  /// `file` with each digest made the SHA-256 of its approval data (where there is some), then
  /// signed the way the harness signs (`TokenAction`): every MFA token by `signer`; a quorum
  /// token by each of its approvers (their old signatures dropped), or by `signer` if none.
  package static func signedCopy(of file: TokenFile) -> Result<Signed, TokenActionError> {
    switch file {
    case .mfa(var mfa):
      for index in mfa.tokens.indices {
        if let data = mfa.tokens[index].approvalData {
          mfa.tokens[index].unsigned = SHA256.hash(data)
        }
      }
      let keys = KeyRing.symbolic([signer])
      return TokenAction.sign(file: nil, key: signer, twist: nil).apply(to: .mfa(mfa), keys: keys)
        .map { ($0, keys) }
    case .quorum(var quorum):
      quorum.token = SHA256.hash(quorum.approvalData)
      let names = quorum.signatures.isEmpty ? [signer] : quorum.signatures.map(\.username)
      quorum.signatures = []
      let keys = KeyRing.symbolic(names)
      let approve = TokenAction.approve(
        file: fileName, approvers: names.map { .init(username: $0, key: $0) })
      return approve.apply(to: .quorum(quorum), keys: keys).map { ($0, keys) }
    }
  }

  /// Whether every signature in `file` is its signer's over the digest, and every digest is
  /// the SHA-256 of its approval data where there is some. An MFA file is signed by `signer`,
  /// a quorum token's signatures by the keys named after their usernames.
  package static func verifies(_ file: TokenFile, keys: KeyRing, verifier: SignatureVerifier)
    -> Bool
  {
    switch file {
    case .mfa(let mfa):
      guard let key = keys.publicKeyPEM(signer), verifier.allSigned(mfa, publicKeyPEM: key)
      else { return false }
      return mfa.tokens.allSatisfy { token in
        token.approvalData.map { SHA256.hash($0) == token.unsigned } ?? true
      }
    case .quorum(let quorum):
      guard !quorum.signatures.isEmpty, quorum.token == SHA256.hash(quorum.approvalData) else {
        return false
      }
      return quorum.signatures.allSatisfy { approval in
        keys.publicKeyPEM(approval.username).map {
          verifier.verify(approval.signature, quorum.token, $0)
        } ?? false
      }
    }
  }

  /// How many bytes `changing` can change: approval data, digests and signatures.
  package static func protectedByteCount(_ file: TokenFile) -> Int {
    switch file {
    case .mfa(let mfa):
      mfa.tokens.reduce(0) {
        $0 + ($1.approvalData?.count ?? 0) + $1.unsigned.count + $1.signed.count
      }
    case .quorum(let quorum):
      quorum.signatures.reduce(quorum.approvalData.count + quorum.token.count) {
        $0 + $1.signature.count
      }
    }
  }

  /// `file` with its protected byte number `position` (in the order the file writes them)
  /// XORed with `mask`, and the field's name; nil if there are not that many bytes.
  package static func changing(_ file: TokenFile, byte position: Int, by mask: UInt8)
    -> (file: TokenFile, field: String)?
  {
    var remaining = position
    func change(_ bytes: inout [UInt8]) -> Bool {
      guard remaining < bytes.count else {
        remaining -= bytes.count
        return false
      }
      bytes[remaining] ^= mask
      return true
    }
    switch file {
    case .mfa(var mfa):
      for index in mfa.tokens.indices {
        let at = "tokens[\(index)]"
        if var data = mfa.tokens[index].approvalData, change(&data) {
          mfa.tokens[index].approvalData = data
          return (.mfa(mfa), "\(at).approval_data byte \(remaining)")
        }
        if change(&mfa.tokens[index].unsigned) {
          return (.mfa(mfa), "\(at).unsigned byte \(remaining)")
        }
        if change(&mfa.tokens[index].signed) {
          return (.mfa(mfa), "\(at).signed byte \(remaining)")
        }
      }
    case .quorum(var quorum):
      if change(&quorum.approvalData) {
        return (.quorum(quorum), "approval_data byte \(remaining)")
      }
      if change(&quorum.token) { return (.quorum(quorum), "token byte \(remaining)") }
      for index in quorum.signatures.indices {
        if change(&quorum.signatures[index].signature) {
          return (.quorum(quorum), "signatures[\(index)].signature byte \(remaining)")
        }
      }
    }
    return nil
  }
}
