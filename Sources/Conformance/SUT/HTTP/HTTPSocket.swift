import Foundation

/// Blocking-with-deadline TCP helpers on POSIX sockets, for the HTTP client and server.
///
/// Every wait is a `poll` bounded by a deadline, so a silent peer becomes a timeout and never a
/// hang; writes use `MSG_NOSIGNAL`, so a closed peer is an error and never a SIGPIPE.
/// Spec: moto-iam-notes.md §1 ("a Swift client must expect one TCP connection per request").
struct HTTPSocket {
  let descriptor: Int32

  enum Failure: Error, Hashable {
    case system(String)
    case timedOut
  }

  /// The current `errno` as text.
  static var lastError: String { String(cString: strerror(errno)) }

  /// Milliseconds on a monotonic clock.
  static func now() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
  }

  /// Connects to an IPv4 or IPv6 address (or a name `getaddrinfo` resolves) before `deadline`.
  static func connect(host: String, port: UInt16, deadline: Int64) throws(Failure) -> HTTPSocket {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      throw .system("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
    }
    defer { freeaddrinfo(list) }
    let descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw .system(lastError) }
    let socket = HTTPSocket(descriptor: descriptor)
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    if Glibc.connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
      guard errno == EINPROGRESS else {
        let reason = lastError
        socket.close()
        throw .system(reason)
      }
      do {
        try socket.wait(for: Int16(POLLOUT), deadline: deadline)
      } catch {
        socket.close()
        throw error
      }
      var code: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
      guard code == 0 else {
        socket.close()
        throw .system(String(cString: strerror(code)))
      }
    }
    return socket
  }

  func wait(for events: Int16, deadline: Int64) throws(Failure) {
    while true {
      let remaining = deadline - Self.now()
      guard remaining > 0 else { throw .timedOut }
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      let ready = poll(&entry, 1, Int32(min(remaining, Int64(Int32.max))))
      if ready > 0 { return }
      if ready < 0, errno != EINTR { throw .system(Self.lastError) }
    }
  }

  func sendAll(_ bytes: [UInt8], deadline: Int64) throws(Failure) {
    var sent = 0
    while sent < bytes.count {
      try wait(for: Int16(POLLOUT), deadline: deadline)
      let count = bytes[sent...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if count > 0 {
        sent += count
      } else if count < 0, errno != EAGAIN, errno != EINTR {
        throw .system(Self.lastError)
      }
    }
  }

  /// Reads what is there (waiting until `deadline`); an empty result is the end of the stream.
  func receive(into buffer: inout [UInt8], deadline: Int64) throws(Failure) -> Int {
    while true {
      try wait(for: Int16(POLLIN), deadline: deadline)
      var chunk = [UInt8](repeating: 0, count: 16 * 1024)
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count >= 0 {
        buffer += chunk[..<count]
        return count
      }
      if errno != EAGAIN, errno != EINTR { throw .system(Self.lastError) }
    }
  }

  func close() { _ = Glibc.close(descriptor) }
}
