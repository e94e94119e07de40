import Glibc
package import ReferenceModel

/// Why the simulator could not use its cluster folder.
///
/// Spec: issue #4 "state on disk".
package struct ClusterStoreError: Error, Hashable, Sendable, CustomStringConvertible {
  package var path: String
  package var problem: String
  package var description: String { "\(path): \(problem)" }
}

/// A cluster's state shared by every simulator session on one folder.
///
/// `DIR/state.json` holds the state (a `ClusterState.snapshot`, compact JSON); every command is a
/// read-modify-write under an exclusive `flock` on `DIR/lock`, and a change is written to a
/// temporary file and renamed over the state (atomic), so a session killed at any moment never
/// leaves a torn state. The last state read is cached and reused while the file is unchanged.
/// Logins of sessions whose process no longer exists are dropped on load: a killed session
/// is logged out.
/// Spec: issue #4 "The bundled reference simulator"; sut-contract.md §2.
package final class ClusterStore {
  package let directory: String
  private let lockFD: Int32
  private let configuration: ModelConfiguration
  private var cache: (stamp: FileStamp, state: ClusterState)?

  package init(directory: String, configuration: ModelConfiguration = ModelConfiguration())
    throws(ClusterStoreError)
  {
    self.directory = directory
    self.configuration = configuration
    var info = stat()
    guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw ClusterStoreError(path: directory, problem: "not a folder (create it first)")
    }
    let fd = open(directory + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw ClusterStoreError(path: directory + "/lock", problem: String(cString: strerror(errno)))
    }
    lockFD = fd
  }

  deinit { close(lockFD) }

  private var statePath: String { directory + "/state.json" }

  /// Runs `body` on the current state under the lock, and stores what it changed.
  package func update<R>(_ body: (inout ClusterState) -> R) throws(ClusterStoreError) -> R {
    while flock(lockFD, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw ClusterStoreError(
          path: directory + "/lock", problem: String(cString: strerror(errno)))
      }
    }
    defer { flock(lockFD, LOCK_UN) }
    var state = try load()
    let loaded = state
    pruneDeadSessions(&state)
    let result = body(&state)
    if state != loaded { try save(state) }
    return result
  }

  private func load() throws(ClusterStoreError) -> ClusterState {
    guard let stamp = FileStamp(path: statePath) else {
      return ClusterState(configuration: configuration)
    }
    if let cache, cache.stamp == stamp { return cache.state }
    let bytes = try readFile(statePath, size: stamp.size)
    let state: ClusterState
    do {
      state = try ClusterState(snapshot: try JSONReader.parse(bytes))
    } catch let error as JSONReadError {
      throw ClusterStoreError(
        path: statePath, problem: "\(error.line):\(error.column): \(error.message)")
    } catch {
      throw ClusterStoreError(path: statePath, problem: "\(error)")
    }
    cache = (stamp, state)
    return state
  }

  private func save(_ state: ClusterState) throws(ClusterStoreError) {
    let bytes = state.snapshot.compactBytes + [UInt8(ascii: "\n")]
    do {
      try AtomicFile.replace(
        statePath, with: bytes, temporary: directory + "/.state.json.\(getpid())")
    } catch {
      throw ClusterStoreError(path: error.path, problem: error.reason)
    }
    cache = FileStamp(path: statePath).map { ($0, state) }
  }

  private func readFile(_ path: String, size: Int) throws(ClusterStoreError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw ClusterStoreError(path: path, problem: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var buffer = [UInt8](repeating: 0, count: max(4096, size + 1))
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else {
        throw ClusterStoreError(path: path, problem: String(cString: strerror(errno)))
      }
      if count == 0 { return bytes }
      bytes += buffer[0..<count]
    }
  }

  /// Logs out sessions (named `pid-N`) whose process is gone.
  private func pruneDeadSessions(_ state: inout ClusterState) {
    for session in state.logins.keys {
      guard let pid = SimulatorSession.processID(of: session) else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { state.endSession(session) }
    }
  }
}

/// Identifies one version of a file: a rename gives a new inode.
struct FileStamp: Equatable {
  var inode: UInt
  var size: Int
  var modifiedSeconds: Int
  var modifiedNanoseconds: Int

  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    inode = UInt(info.st_ino)
    size = Int(info.st_size)
    modifiedSeconds = Int(info.st_mtim.tv_sec)
    modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
  }
}
