/// An HTTP/1.1 request or response as bytes on the wire: start line, headers and body.
///
/// Both sides of the IAM profile use these: the harness's client and the bundled IAM simulator.
/// Header names keep their case as written; lookups ignore it.
/// Spec: sut-contract.md §3 (form-encoded POST); RFC 9112 (message syntax).
package struct HTTPRequest: Hashable, Sendable {
  package var method: String
  /// The request target, such as `/` or `/?Action=GetUser`.
  package var target: String
  package var headers: [HTTPHeader]
  package var body: [UInt8]

  package init(method: String, target: String, headers: [HTTPHeader] = [], body: [UInt8] = []) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }

  /// The first value of the header `name` (any case).
  package func header(_ name: String) -> String? { headers.value(name) }

  /// The path part of the target.
  package var path: String { String(target.prefix { $0 != "?" }) }

  /// The query part of the target, without `?` ("" when there is none).
  package var query: String {
    guard let mark = target.firstIndex(of: "?") else { return "" }
    return String(target[target.index(after: mark)...])
  }

  /// The bytes to send: start line, headers (with `Content-Length`), a blank line, the body.
  package var serialized: [UInt8] {
    var text = "\(method) \(target) HTTP/1.1\r\n"
    for header in headers where header.name.lowercased() != "content-length" {
      text += "\(header.name): \(header.value)\r\n"
    }
    text += "Content-Length: \(body.count)\r\n\r\n"
    return Array(text.utf8) + body
  }
}

/// One header line.
package struct HTTPHeader: Hashable, Sendable {
  package var name: String
  package var value: String
  package init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension [HTTPHeader] {
  /// The first value of `name`, ignoring case.
  package func value(_ name: String) -> String? {
    let lowered = name.lowercased()
    return first { $0.name.lowercased() == lowered }?.value
  }
}

/// An HTTP response.
package struct HTTPResponse: Hashable, Sendable {
  package var status: Int
  package var reason: String
  package var headers: [HTTPHeader]
  package var body: [UInt8]

  package init(status: Int, reason: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []) {
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
  }

  package func header(_ name: String) -> String? { headers.value(name) }

  /// The bytes to send, with `Content-Length` and `Connection: close`.
  package var serialized: [UInt8] {
    var text = "HTTP/1.1 \(status) \(reason.isEmpty ? Self.reason(status) : reason)\r\n"
    for header in headers
    where !["content-length", "connection"].contains(header.name.lowercased()) {
      text += "\(header.name): \(header.value)\r\n"
    }
    text += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
    return Array(text.utf8) + body
  }

  /// The body as text (invalid UTF-8 repaired).
  package var text: String { String(decoding: body, as: UTF8.self) }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 400: "Bad Request"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 409: "Conflict"
    case 413: "Content Too Large"
    case 500: "Internal Server Error"
    default: "Status"
    }
  }
}
