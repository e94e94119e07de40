package import ReferenceModel

/// The cryptography a run needs, injected by the harness (swift-crypto lives in
/// `TokenSigning`, which fuzz builds leave out): fresh signing keys for each test case, and the
/// signature check the model and the simulator use.
/// Spec: issue #6 ("Scenarios generate fresh RSA keys per test case"); house-style.md §1.
package struct TokenCrypto: Sendable {
  package var verifier: SignatureVerifier
  /// Makes one fresh key per name.
  package var makeKeys: @Sendable ([String]) -> Result<KeyRing, TokenActionError>

  package init(
    verifier: SignatureVerifier,
    makeKeys: @escaping @Sendable ([String]) -> Result<KeyRing, TokenActionError>
  ) {
    self.verifier = verifier
    self.makeKeys = makeKeys
  }

  /// Symbolic keys (no cryptography; see `KeyRing.symbolic`), for the in-process model.
  package static let symbolic = TokenCrypto(verifier: .symbolic) { .success(.symbolic($0)) }

  /// No cryptography: scenarios that declare keys get an error verdict saying so.
  package static let unavailable = TokenCrypto(verifier: .refusing) { names in
    names.isEmpty
      ? .success(.empty)
      : .failure(TokenActionError("this build has no token cryptography (TokenSigning)"))
  }
}
