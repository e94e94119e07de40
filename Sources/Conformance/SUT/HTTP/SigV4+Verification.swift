/// Checking a request's SigV4 `Authorization` header, as the bundled IAM simulator does.
///
/// Spec: moto-iam-notes.md §3 and §4 (the codes AWS answers: `InvalidClientTokenId`,
/// `SignatureDoesNotMatch`, `MissingAuthenticationToken`, `IncompleteSignature`).
extension SigV4 {
  /// Why a request is not authenticated, with the error code IAM answers.
  package enum AuthenticationFailure: Error, Hashable, Sendable {
    case missing
    case incomplete(String)
    case unknownKey(String)
    case mismatch

    package var code: String {
      switch self {
      case .missing: "MissingAuthenticationToken"
      case .incomplete: "IncompleteSignature"
      case .unknownKey: "InvalidClientTokenId"
      case .mismatch: "SignatureDoesNotMatch"
      }
    }

    package var message: String {
      switch self {
      case .missing: "Request is missing Authentication Token"
      case .incomplete(let detail): "Authorization header is incomplete: \(detail)"
      case .unknownKey: "The security token included in the request is invalid."
      case .mismatch:
        "The request signature we calculated does not match the signature you provided. Check "
          + "your AWS Secret Access Key and signing method."
      }
    }
  }

  /// The access key ID that signed `request`, or why it is not authenticated. `secret` gives
  /// the secret of a known key.
  package func verify(_ request: HTTPRequest, secret: (String) -> String?)
    -> Swift.Result<
      String, AuthenticationFailure
    >
  {
    guard let header = request.header("Authorization") else { return .failure(.missing) }
    guard header.hasPrefix("AWS4-HMAC-SHA256 ") else {
      return .failure(.incomplete("the algorithm is not AWS4-HMAC-SHA256"))
    }
    var fields: [String: String] = [:]
    for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
      let pair = part.trimmingSpaces.split(separator: "=", maxSplits: 1)
      if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
    }
    guard let credential = fields["Credential"], let names = fields["SignedHeaders"],
      let given = fields["Signature"], let amzDate = request.header("X-Amz-Date")
    else { return .failure(.incomplete("Credential, SignedHeaders, Signature or X-Amz-Date")) }
    let parts = credential.split(separator: "/", maxSplits: 1)
    guard parts.count == 2 else { return .failure(.incomplete("Credential has no scope")) }
    let keyID = String(parts[0])
    guard let secret = secret(keyID) else { return .failure(.unknownKey(keyID)) }
    let signedHeaders = names.split(separator: ";").map { $0.lowercased() }
    guard signedHeaders.contains("host"), String(parts[1]) == scope(amzDate) else {
      return .failure(.mismatch)
    }
    let expected = signature(
      request, secret: secret, amzDate: amzDate, signedHeaders: signedHeaders)
    return expected == given ? .success(keyID) : .failure(.mismatch)
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return text
  }
}
