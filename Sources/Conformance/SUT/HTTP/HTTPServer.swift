import Dispatch
import Foundation
import Synchronization

/// A small HTTP/1.1 server on loopback: one request per connection, answered by a handler.
///
/// It binds `127.0.0.1` only. Each connection is read (with a deadline), answered with
/// `Connection: close` and closed; connections are handled concurrently. A request that is not
/// HTTP gets `400`. Chosen over a server package to keep CI builds short (issue #8 notes).
/// Spec: issue #8 "`harness simulate iam --port P` (loopback only)".
package final class HTTPServer: Sendable {
  package typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

  private let handler: Handler
  private let listener: Int32
  /// The port bound (useful when 0 was asked for).
  package let port: UInt16
  private let stopped = Atomic<Bool>(false)

  /// Why the server could not start.
  package struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    package var description: String
  }

  /// Binds `127.0.0.1:port` (0 picks a free port) and listens.
  package init(port: UInt16, handler: @escaping Handler) throws(Failure) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure(description: HTTPSocket.lastError) }
    var yes: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 64) == 0 else {
      let reason = HTTPSocket.lastError
      close(descriptor)
      throw Failure(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    self.listener = descriptor
    self.port = UInt16(bigEndian: actual.sin_port)
    self.handler = handler
  }

  /// Accepts connections until `stop()`; blocks the calling thread.
  package func run() {
    while !stopped.load(ordering: .relaxed) {
      var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 200) > 0 else { continue }
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { continue }
      let handler = self.handler
      DispatchQueue.global().async { Self.serve(connection, handler) }
    }
    close(listener)
  }

  /// Starts `run()` on a background thread.
  package func start() {
    Thread.detachNewThread { [self] in run() }
  }

  package func stop() { stopped.store(true, ordering: .relaxed) }

  private static func serve(_ descriptor: Int32, _ handler: Handler) {
    let socket = HTTPSocket(descriptor: descriptor)
    defer { socket.close() }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    let deadline = HTTPSocket.now() + 10_000
    var received: [UInt8] = []
    var response: HTTPResponse
    reading: while true {
      let count: Int
      do {
        count = try socket.receive(into: &received, deadline: deadline)
      } catch {
        return
      }
      switch HTTPParser.request(received, atEnd: count == 0) {
      case .incomplete: continue reading
      case .complete(let request):
        response = handler(request)
        break reading
      case .malformed(let reason):
        response = HTTPResponse(
          status: 400, headers: [HTTPHeader("Content-Type", "text/plain")],
          body: Array("bad request: \(reason)\n".utf8))
        break reading
      }
    }
    try? socket.sendAll(response.serialized, deadline: HTTPSocket.now() + 10_000)
    shutdown(descriptor, Int32(SHUT_WR))
  }
}
