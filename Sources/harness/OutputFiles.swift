import ArgumentParser
import Conformance
import Glibc

/// The harness's own files (reports, regressions, updated scenarios, SUT descriptions): made
/// with plain POSIX calls, so that a failure names the path and the system's reason
/// (`strerror`), not a Foundation error dump.
///
/// A file is replaced atomically (`AtomicFile`); a symbolic link is written through, not
/// replaced.
enum OutputFiles {
  /// Why a file or folder could not be made.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// Refuses an empty path option (`--reports ''` would otherwise write under `/`).
  static func requirePath(_ value: String, option: String) throws {
    guard !value.isEmpty else { throw ValidationError("\(option) must name a folder or file") }
  }

  /// Refuses a name that is not one path component (`--run-name ../x` would write elsewhere).
  static func requireName(_ value: String, option: String) throws {
    guard isPlainName(value) else {
      throw ValidationError(
        "\(option) must be a plain folder name (not empty, '.' or '..', and without '/'); "
          + "got '\(value)'")
    }
  }

  /// Whether `name` is one path component of its own.
  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && !name.contains("/")
      && !name.utf8.contains(0)
  }

  /// Makes `path` and its missing parents (as `mkdir -p`).
  static func createFolder(_ path: String) throws(Failure) {
    var current = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + component
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw Failure(path: current, reason: String(cString: strerror(errno)))
      }
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw Failure(path: path, reason: String(cString: strerror(errno)))
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw Failure(path: path, reason: "not a folder")
    }
  }

  /// Checks that files can be made in the folder `path` (made if missing), by making and
  /// removing one: before a long run, so that its reports are not lost at the end.
  static func checkWritableFolder(_ path: String) throws(Failure) {
    try createFolder(path)
    let probe = path + "/.harness-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    close(fd)
    unlink(probe)
  }

  /// Writes `text` to `path`, replacing the file atomically; the folder must exist.
  static func write(_ text: String, to path: String) throws(Failure) {
    // Through a symbolic link, to its target.
    let target = resolvedPath(path)
    do {
      try AtomicFile.replace(target, with: Array(text.utf8), temporary: target + ".tmp-\(getpid())")
    } catch {
      throw Failure(path: path, reason: error.reason)
    }
  }

  /// `path` with its symbolic links resolved, when it exists; else `path`.
  private static func resolvedPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
