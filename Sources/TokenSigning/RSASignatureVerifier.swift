import Crypto
package import ReferenceModel
import _CryptoExtras

/// RSA PKCS #1 v1.5 signatures over a token's `unsigned` digest, checked with swift-crypto.
///
/// The CloudHSM CLI's `unsigned` value is already a SHA-256 digest, and `openssl pkeyutl
/// -sign -pkeyopt digest:sha256` signs DigestInfo(SHA-256, unsigned) without hashing again
/// (spec-digest SIG-002, verified there). swift-crypto verifies a `Digest` value, and has no
/// public way to make a `SHA256Digest` from given bytes; so the 32 bytes are reinterpreted as
/// one, and the result is checked to hold exactly those bytes before it is used (a layout
/// change in swift-crypto makes every signature fail, never pass).
/// Spec: spec-digest.md §3.3 SIG-001…005.
package enum RSASignatureVerifier {
  /// Whether `signature` is a valid signature of `digest` by the PEM public key.
  package static func isValid(signature: [UInt8], digest: [UInt8], publicKeyPEM: String) -> Bool {
    guard digest.count == 32, let sha256 = sha256Digest(digest),
      let key = try? _RSA.Signing.PublicKey(pemRepresentation: publicKeyPEM)
    else { return false }
    return key.isValidSignature(
      _RSA.Signing.RSASignature(rawRepresentation: signature), for: sha256,
      padding: .insecurePKCS1v1_5)
  }

  /// Signs `digest` (32 bytes) with a PEM private key, as `openssl pkeyutl` does; for the
  /// harness to sign scenario users' tokens, and for tests.
  package static func sign(digest: [UInt8], privateKeyPEM: String) -> [UInt8]? {
    guard digest.count == 32, let sha256 = sha256Digest(digest),
      let key = try? _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM),
      let signature = try? key.signature(for: sha256, padding: .insecurePKCS1v1_5)
    else { return nil }
    return Array(signature.rawRepresentation)
  }

  /// The model's witness: crypto reaches the model only through this.
  package static let verifier = SignatureVerifier { signature, digest, publicKeyPEM in
    isValid(signature: signature, digest: digest, publicKeyPEM: publicKeyPEM)
  }

  /// A `SHA256Digest` holding exactly `bytes`, or nil if the type's layout is not 32 bytes.
  static func sha256Digest(_ bytes: [UInt8]) -> SHA256Digest? {
    guard MemoryLayout<SHA256Digest>.size == 32, bytes.count == 32 else { return nil }
    let digest = bytes.withUnsafeBytes { raw in raw.loadUnaligned(as: SHA256Digest.self) }
    guard Array(digest) == bytes else { return nil }
    return digest
  }
}
