package import ReferenceModel
package import IAMModel

/// What an IAM endpoint answered to one request, read from its XML.
///
/// `success` carries the fields the harness compares (the same shape as
/// `IAMResult.comparable`) and the new access key when there is one; `failure` the HTTP status
/// and the `ErrorResponse`'s code and message. A reply that is neither (an HTML page, bad XML,
/// an XML document of another shape) is no observation but an `AdapterError`.
/// Spec: sut-contract.md §3 ("Success is HTTP 200 with a `…Response`; failure is an
/// `ErrorResponse` whose `Code` … is compared").
package enum IAMObservation: Hashable, Sendable {
  case success(data: JSONValue?, accessKey: AccessKey?)
  case failure(status: Int, code: String, message: String)

  /// A new access key's ID and secret.
  package struct AccessKey: Hashable, Sendable {
    package var id: String
    package var secret: String
    package init(id: String, secret: String) {
      self.id = id
      self.secret = secret
    }
  }

  /// Reads a reply to `action`, or says why it is not an IAM reply.
  package static func read(_ response: HTTPResponse, action: IAMAction) -> Result<
    IAMObservation, ReplyProblem
  > {
    let root: XMLElement
    do {
      root = try XMLReader.parse(response.body)
    } catch {
      return .failure(ReplyProblem(response, "the body is not XML (\(error))"))
    }
    if response.status != 200 {
      guard let error = root.first("Error"), let code = error.value("Code"), !code.isEmpty else {
        return .failure(ReplyProblem(response, "an XML body with no Error/Code"))
      }
      return .success(
        .failure(status: response.status, code: code, message: error.value("Message") ?? ""))
    }
    guard root.name == action.rawValue + "Response" else {
      return .failure(
        ReplyProblem(response, "<\(root.name)> where <\(action.rawValue)Response> was expected"))
    }
    let result = root.child(action.rawValue + "Result")
    return .success(data(of: result, action: action))
  }

  static func data(of result: XMLElement?, action: IAMAction) -> IAMObservation {
    switch action {
    case .createUser, .getUser:
      return .success(
        data: .object([
          ("UserName", .string(result?.value("User", "UserName") ?? "")),
          ("Path", .string(result?.value("User", "Path") ?? "")),
        ]), accessKey: nil)
    case .createAccessKey:
      let key = AccessKey(
        id: result?.value("AccessKey", "AccessKeyId") ?? "",
        secret: result?.value("AccessKey", "SecretAccessKey") ?? "")
      return .success(
        data: .object([
          ("UserName", .string(result?.value("AccessKey", "UserName") ?? "")),
          ("Status", .string(result?.value("AccessKey", "Status") ?? "")),
        ]), accessKey: key)
    case .createLoginProfile:
      return .success(
        data: .object([("UserName", .string(result?.value("LoginProfile", "UserName") ?? ""))]),
        accessKey: nil)
    case .getAccountPasswordPolicy:
      return .success(data: policy(result?.child("PasswordPolicy")), accessKey: nil)
    default:
      return .success(data: nil, accessKey: nil)
    }
  }

  /// The policy's fields as JSON: numbers as integers, `true`/`false` as booleans.
  static func policy(_ element: XMLElement?) -> JSONValue {
    let members: [(key: String, value: JSONValue)] = (element?.children ?? []).map { child in
      let text = child.text.trimmedXMLSpace
      if let number = Int64(text) { return (child.name, .int(number)) }
      if text == "true" || text == "false" { return (child.name, .bool(text == "true")) }
      return (child.name, .string(text))
    }
    return .object(members)
  }
}

/// A reply that cannot be judged: what was wrong, with the status and the start of the body.
///
/// Spec: issue #8 acceptance ("Bad XML, an HTML 500 … give an `error` verdict with a clear
/// message").
package struct ReplyProblem: Error, Hashable, Sendable, CustomStringConvertible {
  package var description: String

  init(_ response: HTTPResponse, _ problem: String) {
    let type = response.header("Content-Type") ?? "no Content-Type"
    let start = response.text.split(whereSeparator: \.isNewline).joined(separator: " ")
    description =
      "HTTP \(response.status) (\(type)), not an IAM reply: \(problem); body starts "
      + "'\(start.prefix(120))'"
  }
}
