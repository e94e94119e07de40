package import Conformance
import Crypto
import ReferenceModel
import _CryptoExtras

extension TokenCrypto {
  /// Fresh RSA-2048 keys for each test case (never written to the repository: the private
  /// halves live only in memory), signing as `openssl pkeyutl` does, and swift-crypto's check.
  /// Spec: issue #6 "Scenarios generate fresh RSA keys per test case"; spec-digest §3.3.
  package static let rsa = TokenCrypto(verifier: RSASignatureVerifier.verifier) { names in
    var keys: [String: _RSA.Signing.PrivateKey] = [:]
    for name in names where keys[name] == nil {
      do {
        keys[name] = try _RSA.Signing.PrivateKey(keySize: .bits2048)
      } catch {
        return .failure(TokenActionError("could not make an RSA key for '\(name)': \(error)"))
      }
    }
    let ring = keys
    return .success(
      KeyRing(
        names: names,
        sign: { name, digest in
          guard let key = ring[name], let sha256 = RSASignatureVerifier.sha256Digest(digest),
            let signature = try? key.signature(for: sha256, padding: .insecurePKCS1v1_5)
          else { return nil }
          return Array(signature.rawRepresentation)
        },
        publicKeyPEM: { name in ring[name]?.publicKey.pemRepresentation }))
  }
}
