package import Conformance
import Crypto

/// SigV4's digests on swift-crypto's `SHA256` and `HMAC<SHA256>`.
///
/// Kept in its own small target, as TokenSigning is, so that the fuzz builds of Conformance do
/// not compile BoringSSL.
/// Spec: issue #8 "a SigV4 signer on swift-crypto's HMAC and SHA-256".
extension SigV4Digests {
  package static let swiftCrypto = SigV4Digests(
    sha256: { Array(SHA256.hash(data: $0)) },
    hmacSHA256: { key, message in
      Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    })
}
