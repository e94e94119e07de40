import Glibc
import Synchronization

/// Serialises pipe creation and spawning across test cases (see `ChildProcess.spawn`).
private let spawnLock = Mutex<Void>(())

/// A child process with pipes to its standard input, output and error (posix_spawn).
///
/// Owned by one test case on one thread. Writing to a process that has exited returns false
/// instead of raising SIGPIPE (the harness ignores SIGPIPE while children run).
/// Spec: sut-contract.md §2 (one process per session).
package final class ChildProcess {
  let pid: pid_t
  private(set) var stdinFD: Int32
  let stdoutFD: Int32
  let stderrFD: Int32
  private(set) var exitStatus: Int32?

  private init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32) {
    self.pid = pid
    self.stdinFD = stdin
    self.stdoutFD = stdout
    self.stderrFD = stderr
  }

  deinit {
    terminate()
    if stdinFD >= 0 { Glibc.close(stdinFD) }
    Glibc.close(stdoutFD)
    Glibc.close(stderrFD)
  }

  /// Starts `argv` (searched on PATH) with `environment` added to the harness's own.
  static func spawn(_ argv: [String], environment: [String: String]) throws(AdapterError)
    -> ChildProcess
  {
    signal(SIGPIPE, SIG_IGN)
    guard let program = argv.first else {
      throw .couldNotStart(program: "(empty argv)", reason: "no program given")
    }
    // Pipes are made close-on-exec under one lock, so that no child spawned concurrently by
    // another test case inherits them (which would hide the end of input from a session).
    return try spawnLock.withLock { _ throws(AdapterError) in
      try spawnLocked(argv, program: program, environment: environment)
    }
  }

  private static func spawnLocked(_ argv: [String], program: String, environment: [String: String])
    throws(AdapterError) -> ChildProcess
  {
    var input: [Int32] = [-1, -1]
    var output: [Int32] = [-1, -1]
    var errors: [Int32] = [-1, -1]
    guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
      throw .couldNotStart(program: program, reason: String(cString: strerror(errno)))
    }
    for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
    var env = currentEnvironment()
    for (key, value) in environment { env[key] = value }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    // A SUT starts as from a shell: no blocked signals (a Dispatch worker thread that spawns
    // has most of them blocked, and the mask is inherited), default dispositions for those the
    // harness ignores (SIGPIPE), and a process group of its own, so that `terminate` also
    // reaches the helpers it started.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes,
      Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    var pid: pid_t = 0
    let status = withCStrings(argv) { cArgv in
      withCStrings(envStrings) { cEnv in
        posix_spawnp(&pid, program, &actions, &attributes, cArgv, cEnv)
      }
    }
    Glibc.close(input[0])
    Glibc.close(output[1])
    Glibc.close(errors[1])
    guard status == 0 else {
      Glibc.close(input[1])
      Glibc.close(output[0])
      Glibc.close(errors[0])
      throw .couldNotStart(program: program, reason: String(cString: strerror(status)))
    }
    liveGroups.withLock { _ = $0.insert(pid) }
    return ChildProcess(pid: pid, stdin: input[1], stdout: output[0], stderr: errors[0])
  }

  /// The process groups of the children not yet reaped (each leader's pid is its group's id,
  /// and stays its own until the leader is reaped).
  private static let liveGroups = Mutex<Set<pid_t>>([])

  /// Kills every child's process group: for a harness that must stop at once (a second
  /// Ctrl-C), so that no SUT process outlives it. The children are not reaped: the harness
  /// is about to exit.
  package static func killAll() {
    liveGroups.withLock { groups in
      for group in groups { kill(-group, SIGKILL) }
    }
  }

  /// Writes all of `bytes` to standard input; false if the process no longer reads.
  func write(_ bytes: [UInt8]) -> Bool {
    guard stdinFD >= 0 else { return false }
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes {
        Glibc.write(stdinFD, $0.baseAddress, $0.count)
      }
      if result < 0 && errno == EINTR { continue }
      if result <= 0 { return false }
      written += result
    }
    return true
  }

  /// Closes standard input: end of input for the session.
  func closeInput() {
    if stdinFD >= 0 { Glibc.close(stdinFD) }
    stdinFD = -1
  }

  /// Reaps the process if it has exited; returns its status (exit code, or 128 + signal).
  @discardableResult
  func poll() -> Int32? {
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    if result == -1 && errno == ECHILD {
      // Reaped by someone else (SIGCHLD ignored by whoever started the harness): gone, and
      // its pid may already be another process's, so its group is never killed.
      exitStatus = -1
      Self.liveGroups.withLock { _ = $0.remove(pid) }
      return exitStatus
    }
    guard result == pid else { return nil }
    let signal = status & 0x7F
    exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    Self.liveGroups.withLock { _ = $0.remove(pid) }
    return exitStatus
  }

  /// Kills the process (if still running) and its process group (helpers it started, such as
  /// the `sleep` of a shell script that does not `exec`), and reaps it.
  func terminate() {
    guard poll() == nil else { return }
    // The group first, while the unreaped leader still holds its id (pids are reused soon:
    // pid_max may be 32768). A process that exited on its own keeps its helpers: a SUT may
    // start a server in `setup` or in its first session that outlives them.
    kill(-pid, SIGKILL)
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    exitStatus = 128 + SIGKILL
    Self.liveGroups.withLock { _ = $0.remove(pid) }
  }

  private static func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }
}

/// Calls `body` with a NULL-terminated C array of the strings.
private func withCStrings<R>(
  _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
) -> R {
  let pointers = strings.map { strdup($0) } + [nil]
  defer { for pointer in pointers { free(pointer) } }
  return body(pointers)
}
