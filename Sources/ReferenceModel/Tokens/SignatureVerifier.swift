/// Checks a signature; injected into the model, which does no cryptography itself.
///
/// `verify(signature, digest, publicKeyPEM)` is true when `signature` is an RSA PKCS #1 v1.5
/// signature of the 32-byte `digest` by the PEM public key.
/// Spec: house-style.md §1 (crypto arrives as an injected witness struct); spec-digest §3.3.
package struct SignatureVerifier: Sendable {
  package var verify:
    @Sendable (_ signature: [UInt8], _ digest: [UInt8], _ publicKeyPEM: String) -> Bool

  package init(
    verify:
      @escaping @Sendable (_ signature: [UInt8], _ digest: [UInt8], _ publicKeyPEM: String) -> Bool
  ) {
    self.verify = verify
  }

  /// Whether every token of an MFA file is signed, and validly, by the key.
  package func allSigned(_ tokens: TokenFile.MFATokens, publicKeyPEM: String) -> Bool {
    !tokens.tokens.isEmpty
      && tokens.tokens.allSatisfy { verify($0.signed, $0.unsigned, publicKeyPEM) }
  }
}
