/// AWS Signature Version 4 for one region and service: signing requests and checking them.
///
/// The digests arrive as a witness (`SigV4Digests`), so that Conformance does not link
/// BoringSSL; `SigV4Crypto` gives the swift-crypto one. Signed headers are `content-type`,
/// `host` and `x-amz-date` when signing, and whatever `SignedHeaders` lists when verifying.
/// The payload hash is SHA-256 of the body (no `x-amz-content-sha256` header), as botocore sends
/// IAM requests.
/// Spec: moto-iam-notes.md §4 and §7 (the request to produce); AWS's SigV4 test suite.
package struct SigV4: Sendable {
  package var digests: SigV4Digests
  package var region: String
  package var service: String

  package init(digests: SigV4Digests, region: String, service: String = "iam") {
    self.digests = digests
    self.region = region
    self.service = service
  }

  /// The headers signed when this signer signs a request.
  package static let defaultSignedHeaders = ["content-type", "host", "x-amz-date"]

  /// `request` with `X-Amz-Date` and `Authorization` added; `amzDate` is `YYYYMMDDTHHMMSSZ`.
  package func sign(
    _ request: HTTPRequest, accessKeyID: String, secret: String, amzDate: String,
    signedHeaders: [String] = SigV4.defaultSignedHeaders
  ) -> HTTPRequest {
    var signed = request
    signed.headers.removeAll {
      ["x-amz-date", "authorization"].contains($0.name.lowercased())
    }
    signed.headers.append(HTTPHeader("X-Amz-Date", amzDate))
    let names = signedHeaders.map { $0.lowercased() }.sorted()
    let signature = self.signature(
      signed, secret: secret, amzDate: amzDate, signedHeaders: names)
    signed.headers.append(
      HTTPHeader(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope(amzDate)), "
          + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"))
    return signed
  }

  /// The hex signature of `request` over `signedHeaders` (lower-case, sorted).
  package func signature(
    _ request: HTTPRequest, secret: String, amzDate: String, signedHeaders: [String]
  ) -> String {
    let canonical = canonicalRequest(request, signedHeaders: signedHeaders)
    let toSign = stringToSign(amzDate: amzDate, canonicalRequest: canonical)
    return FormEncoding.lowerHex(
      digests.hmacSHA256(
        signingKey(secret: secret, date: String(amzDate.prefix(8))), Array(toSign.utf8)))
  }

  /// `date/region/service/aws4_request`.
  package func scope(_ amzDate: String) -> String {
    "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
  }

  package func canonicalRequest(_ request: HTTPRequest, signedHeaders: [String]) -> String {
    var lines = [request.method, request.path.isEmpty ? "/" : request.path]
    lines.append(Self.canonicalQuery(request.query))
    for name in signedHeaders {
      let values = request.headers.filter { $0.name.lowercased() == name }.map {
        Self.collapseSpaces($0.value)
      }
      lines.append("\(name):\(values.joined(separator: ","))")
    }
    lines.append("")
    lines.append(signedHeaders.joined(separator: ";"))
    lines.append(FormEncoding.lowerHex(digests.sha256(request.body)))
    return lines.joined(separator: "\n")
  }

  package func stringToSign(amzDate: String, canonicalRequest: String) -> String {
    [
      "AWS4-HMAC-SHA256", amzDate, scope(amzDate),
      FormEncoding.lowerHex(digests.sha256(Array(canonicalRequest.utf8))),
    ].joined(separator: "\n")
  }

  package func signingKey(secret: String, date: String) -> [UInt8] {
    var key = digests.hmacSHA256(Array(("AWS4" + secret).utf8), Array(date.utf8))
    for part in [region, service, "aws4_request"] {
      key = digests.hmacSHA256(key, Array(part.utf8))
    }
    return key
  }

  /// The query string with its pairs sorted and re-encoded.
  static func canonicalQuery(_ query: String) -> String {
    guard !query.isEmpty, let pairs = FormEncoding.decode(query.replacingPlus) else { return "" }
    return pairs.map { (FormEncoding.encode($0.0), FormEncoding.encode($0.1)) }
      .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
  }

  /// Trims a header value and collapses runs of spaces to one.
  static func collapseSpaces(_ value: String) -> String {
    value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }
}

extension String {
  /// In a query string, `+` is a literal plus for SigV4 (form bodies read it as a space).
  fileprivate var replacingPlus: String {
    split(separator: "+", omittingEmptySubsequences: false).joined(separator: "%2B")
  }
}

/// SHA-256 and HMAC-SHA-256, injected (house-style §1: crypto arrives as a witness).
///
/// Spec: house-style.md §1 (`SignatureVerifier` pattern).
package struct SigV4Digests: Sendable {
  package var sha256: @Sendable ([UInt8]) -> [UInt8]
  package var hmacSHA256: @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

  package init(
    sha256: @escaping @Sendable ([UInt8]) -> [UInt8],
    hmacSHA256: @escaping @Sendable ([UInt8], [UInt8]) -> [UInt8]
  ) {
    self.sha256 = sha256
    self.hmacSHA256 = hmacSHA256
  }
}
