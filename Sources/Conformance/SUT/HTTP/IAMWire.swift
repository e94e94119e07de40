/// The IAM Query API on the wire: how requests are written and what the XML replies look like.
///
/// Requests are `POST /` with a form-encoded body of `Action`, `Version=2010-05-08` and the
/// parameters, as botocore sends them. Replies are `<ActionResponse>` with an optional
/// `<ActionResult>` and `ResponseMetadata`, or an `ErrorResponse`.
/// Spec: sut-contract.md §3; spec-digest.md §4.1; moto-iam-notes.md §4.
package enum IAMWire {
  package static let version = "2010-05-08"
  package static let namespace = "https://iam.amazonaws.com/doc/2010-05-08/"
  package static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

  /// An unsigned request for `action` with `parameters`, to `host` (`127.0.0.1:PORT`).
  package static func request(action: String, _ parameters: [(String, String)], host: String)
    -> HTTPRequest
  {
    let body = FormEncoding.encode([("Action", action), ("Version", version)] + parameters)
    return HTTPRequest(
      method: "POST", target: "/",
      headers: [HTTPHeader("Host", host), HTTPHeader("Content-Type", contentType)],
      body: Array(body.utf8))
  }
}
