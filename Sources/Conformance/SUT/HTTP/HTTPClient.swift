/// Sends one HTTP request on a new connection and reads the reply.
///
/// One connection per request, closed afterwards (moto's Werkzeug server closes every
/// connection; so does the bundled simulator). The whole exchange shares one deadline.
/// Spec: sut-contract.md §1 (`timeout_ms`), §3.
package enum HTTPClient {
  /// Why no reply could be read.
  package enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
    case connect(String)
    case timedOut(milliseconds: Int)
    case transport(String)
    case malformed(String)

    package var description: String {
      switch self {
      case .connect(let reason): "cannot connect: \(reason)"
      case .timedOut(let milliseconds): "no complete reply within \(milliseconds) ms"
      case .transport(let reason): "the connection failed: \(reason)"
      case .malformed(let reason): "the reply is not HTTP/1.1: \(reason)"
      }
    }
  }

  package static func exchange(
    _ request: HTTPRequest, host: String, port: UInt16, timeoutMilliseconds: Int
  ) throws(Failure) -> HTTPResponse {
    let deadline = HTTPSocket.now() + Int64(timeoutMilliseconds)
    let socket: HTTPSocket
    do {
      socket = try HTTPSocket.connect(host: host, port: port, deadline: deadline)
    } catch {
      switch error {
      case .timedOut: throw .timedOut(milliseconds: timeoutMilliseconds)
      case .system(let reason): throw .connect("\(host):\(port): \(reason)")
      }
    }
    defer { socket.close() }
    switch reply(socket, request, deadline: deadline) {
    case .success(let response): return response
    case .failure(.timedOut): throw .timedOut(milliseconds: timeoutMilliseconds)
    case .failure(.system(let reason)): throw .transport(reason)
    case .failure(.malformed(let reason)): throw .malformed(reason)
    }
  }

  private enum ReplyFailure: Error {
    case timedOut
    case system(String)
    case malformed(String)
  }

  private static func reply(_ socket: HTTPSocket, _ request: HTTPRequest, deadline: Int64)
    -> Result<HTTPResponse, ReplyFailure>
  {
    var received: [UInt8] = []
    do {
      try socket.sendAll(request.serialized, deadline: deadline)
      while true {
        let count = try socket.receive(into: &received, deadline: deadline)
        switch HTTPParser.response(received, atEnd: count == 0) {
        case .complete(let response): return .success(response)
        case .malformed(let reason): return .failure(.malformed(reason))
        case .incomplete:
          if count == 0 { return .failure(.malformed("the reply ended early")) }
        }
      }
    } catch {
      switch error {
      case .timedOut: return .failure(.timedOut)
      case .system(let reason): return .failure(.system(reason))
      }
    }
  }
}
