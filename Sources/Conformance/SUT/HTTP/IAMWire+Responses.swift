import ReferenceModel
package import IAMModel

/// Writing the model's outcomes as IAM XML replies (the bundled simulator's side).
///
/// Spec: spec-digest.md §4.1 (response and `ErrorResponse` shapes); moto-iam-notes.md §4 (a
/// success's `<ActionResponse>` with `ResponseMetadata`).
extension IAMWire {
  /// Values the model does not own: IDs, the secret of a new key, the creation date.
  package struct Extras: Sendable {
    package var requestID: String
    package var createDate: String
    package var secretAccessKey: String
    package var userID: String

    package init(requestID: String, createDate: String, secretAccessKey: String, userID: String) {
      self.requestID = requestID
      self.createDate = createDate
      self.secretAccessKey = secretAccessKey
      self.userID = userID
    }
  }

  /// The HTTP reply for `outcome` of `action`.
  package static func response(_ outcome: IAMOutcome, action: String, extras: Extras)
    -> HTTPResponse
  {
    switch outcome.result {
    case .accepted(let result):
      return success(action: action, result: resultXML(result, extras), requestID: extras.requestID)
    case .rejected(let error):
      return failure(
        status: error.code.httpStatus, code: error.code.rawValue, message: error.message,
        requestID: extras.requestID)
    }
  }

  package static func success(action: String, result: String?, requestID: String) -> HTTPResponse {
    var xml = "<\(action)Response xmlns=\"\(namespace)\">"
    if let result { xml += "<\(action)Result>\(result)</\(action)Result>" }
    xml += "<ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata>"
    xml += "</\(action)Response>"
    return HTTPResponse(
      status: 200, headers: [HTTPHeader("Content-Type", "text/xml")], body: Array(xml.utf8))
  }

  package static func failure(status: Int, code: String, message: String, requestID: String)
    -> HTTPResponse
  {
    let type = status >= 500 ? "Receiver" : "Sender"
    let xml =
      "<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(type)</Type>"
      + "<Code>\(XMLReader.escape(code))</Code><Message>\(XMLReader.escape(message))</Message>"
      + "</Error><RequestId>\(requestID)</RequestId></ErrorResponse>"
    return HTTPResponse(
      status: status, headers: [HTTPHeader("Content-Type", "text/xml")], body: Array(xml.utf8))
  }

  static func resultXML(_ result: IAMResult, _ extras: Extras) -> String? {
    func element(_ name: String, _ value: String) -> String {
      "<\(name)>\(XMLReader.escape(value))</\(name)>"
    }
    switch result {
    case .empty:
      return nil
    case .user(let name, let path, let arn):
      return "<User>" + element("Path", path) + element("UserName", name)
        + element("UserId", extras.userID) + element("Arn", arn)
        + element("CreateDate", extras.createDate) + "</User>"
    case .accessKey(let id, let userName):
      return "<AccessKey>" + element("UserName", userName) + element("AccessKeyId", id)
        + element("Status", "Active") + element("SecretAccessKey", extras.secretAccessKey)
        + element("CreateDate", extras.createDate) + "</AccessKey>"
    case .loginProfile(let userName):
      return "<LoginProfile>" + element("UserName", userName)
        + element("CreateDate", extras.createDate)
        + element("PasswordResetRequired", "false") + "</LoginProfile>"
    case .passwordPolicy(let policy):
      guard case .object(let members) = policy.comparable else { return nil }
      return "<PasswordPolicy>"
        + members.map { element($0.key, $0.value.compactText) }.joined() + "</PasswordPolicy>"
    }
  }
}
