import Glibc

/// Replaces a file's contents atomically: the bytes go to a temporary file in the same folder,
/// which is then renamed over the file, so a reader sees the old file or the new one, never a
/// part. Plain POSIX calls, so that a failure names the path and the system's reason. Used by
/// the simulator's cluster store and by the harness's own files.
package enum AtomicFile {
  /// Why the file could not be replaced: the path at fault (the temporary file, or the file
  /// itself for the rename) and `strerror`'s text.
  package struct Failure: Error, Hashable, Sendable {
    package var path: String
    package var reason: String
  }

  /// Writes `bytes` to `temporary`, then renames it over `path`; a failed attempt leaves no
  /// temporary file behind.
  package static func replace(_ path: String, with bytes: [UInt8], temporary: String)
    throws(Failure)
  {
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw Failure(path: temporary, reason: lastError) }
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        let reason = lastError
        close(fd)
        unlink(temporary)
        throw Failure(path: temporary, reason: reason)
      }
      written += count
    }
    guard close(fd) == 0 else {
      let reason = lastError
      unlink(temporary)
      throw Failure(path: temporary, reason: reason)
    }
    guard rename(temporary, path) == 0 else {
      let reason = lastError
      unlink(temporary)
      throw Failure(path: path, reason: reason)
    }
  }

  private static var lastError: String { String(cString: strerror(errno)) }
}
