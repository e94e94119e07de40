/// Reads HTTP/1.1 messages from the bytes received so far, without blocking.
///
/// `incomplete` asks for more bytes; `malformed` says what is wrong. A body has the length in
/// `Content-Length`; a response without one ends when the connection closes (`atEnd`).
/// Chunked transfer coding is not read (neither side of the IAM profile sends it): it is
/// malformed here, with that reason.
/// Spec: RFC 9112 §2–§6 (the subset a Query API exchange uses).
package enum HTTPParser {
  package enum Result<Message: Sendable>: Sendable {
    case incomplete
    case complete(Message)
    case malformed(String)
  }

  /// The most header bytes accepted before a message is refused.
  package static let headLimit = 64 * 1024

  struct Head {
    var startLine: [Substring]
    var headers: [HTTPHeader]
    var bodyStart: Int
  }

  package static func request(_ bytes: [UInt8], atEnd: Bool = false) -> Result<HTTPRequest> {
    let head: Head
    switch Self.head(bytes) {
    case .incomplete: return atEnd ? .malformed("the connection closed mid-request") : .incomplete
    case .malformed(let reason): return .malformed(reason)
    case .complete(let found): head = found
    }
    guard head.startLine.count == 3, head.startLine[2].hasPrefix("HTTP/1.") else {
      return .malformed("the request line is not 'METHOD TARGET HTTP/1.x'")
    }
    switch body(bytes, head, requireLength: false, atEnd: atEnd) {
    case .incomplete: return .incomplete
    case .malformed(let reason): return .malformed(reason)
    case .complete(let body):
      return .complete(
        HTTPRequest(
          method: String(head.startLine[0]), target: String(head.startLine[1]),
          headers: head.headers, body: body))
    }
  }

  package static func response(_ bytes: [UInt8], atEnd: Bool) -> Result<HTTPResponse> {
    let head: Head
    switch Self.head(bytes) {
    case .incomplete:
      if atEnd {
        return .malformed(
          bytes.isEmpty
            ? "the server closed the connection without answering"
            : "the server closed the connection in the middle of the response headers")
      }
      return .incomplete
    case .malformed(let reason): return .malformed(reason)
    case .complete(let found): head = found
    }
    guard head.startLine.count >= 2, head.startLine[0].hasPrefix("HTTP/1."),
      let status = Int(head.startLine[1]), (100...599).contains(status)
    else { return .malformed("the status line is not 'HTTP/1.x CODE REASON'") }
    switch body(bytes, head, requireLength: true, atEnd: atEnd) {
    case .incomplete: return .incomplete
    case .malformed(let reason): return .malformed(reason)
    case .complete(let body):
      return .complete(
        HTTPResponse(
          status: status, reason: head.startLine.dropFirst(2).joined(separator: " "),
          headers: head.headers, body: body))
    }
  }

  static func head(_ bytes: [UInt8]) -> Result<Head> {
    guard let end = headEnd(bytes) else {
      return bytes.count > headLimit ? .malformed("the headers exceed 64 KiB") : .incomplete
    }
    let text = String(decoding: bytes[..<end.start], as: UTF8.self)
    // Split on the byte "\n": in Swift, "\r\n" is one Character, not two.
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      Substring(String($0.last == "\r" ? $0.dropLast() : $0))
    }
    guard !lines.isEmpty else { return .malformed("empty message head") }
    let startLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
    var headers: [HTTPHeader] = []
    for line in lines {
      guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
        return .malformed("a header line has no name: '\(line.prefix(60))'")
      }
      let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
      headers.append(
        HTTPHeader(
          String(line[..<colon]),
          String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())))
    }
    return .complete(Head(startLine: startLine, headers: headers, bodyStart: end.bodyStart))
  }

  /// Where the head ends (before the blank line) and the body starts.
  static func headEnd(_ bytes: [UInt8]) -> (start: Int, bodyStart: Int)? {
    var index = 0
    while index + 1 < bytes.count {
      if bytes[index] == 0x0A {
        if bytes[index + 1] == 0x0A { return (index, index + 2) }
        if bytes[index + 1] == 0x0D, index + 2 < bytes.count, bytes[index + 2] == 0x0A {
          return (index, index + 3)
        }
      }
      index += 1
    }
    return nil
  }

  static func body(_ bytes: [UInt8], _ head: Head, requireLength: Bool, atEnd: Bool)
    -> Result<[UInt8]>
  {
    if let coding = head.headers.value("Transfer-Encoding"), coding.lowercased() != "identity" {
      return .malformed("transfer coding '\(coding)' is not supported")
    }
    let available = bytes.count - head.bodyStart
    guard let lengthText = head.headers.value("Content-Length") else {
      if !requireLength { return .complete([]) }
      return atEnd ? .complete(Array(bytes[head.bodyStart...])) : .incomplete
    }
    guard let length = Int(lengthText), length >= 0 else {
      return .malformed("Content-Length '\(lengthText)' is not a number")
    }
    guard length <= 16 * 1024 * 1024 else { return .malformed("the body exceeds 16 MiB") }
    if available >= length {
      return .complete(Array(bytes[head.bodyStart..<(head.bodyStart + length)]))
    }
    return atEnd
      ? .malformed("the connection closed after \(available) of \(length) body bytes")
      : .incomplete
  }
}
