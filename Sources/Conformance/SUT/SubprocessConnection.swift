import Foundation
import Glibc
import ReferenceModel

/// One test case's session processes on one cluster folder.
///
/// A step is written as one line; the answer is the next JSON object on the session's
/// standard output (text outside objects is ignored). A question (a line of text ending in
/// `:` outside JSON) is answered with the step's next answer. Standard error is collected for
/// the report and never parsed.
/// Spec: sut-contract.md §2.
final class SubprocessConnection: CaseConnection {
  let argv: [String]
  let environment: [String: String]
  let timeoutMilliseconds: Int
  let folder: String
  /// The case's `{workdir}`: scenario lines and answers name it as `{workdir}`.
  let workdir: String
  let keys: KeyRing
  private var sessions: [SessionID: SessionProcess] = [:]
  /// Every session process started, in order (ended ones included), for `close`.
  private var started: [SessionProcess] = []
  private var stateSessions = 0

  init(
    argv: [String], environment: [String: String], timeoutMilliseconds: Int, folder: String,
    workdir: String = "", keys: KeyRing = .empty,
    maximumOutputPerStep: Int = SessionProcess.defaultMaximumOutputPerStep
  ) {
    self.maximumOutputPerStep = maximumOutputPerStep
    self.argv = argv
    self.environment = environment
    self.timeoutMilliseconds = timeoutMilliseconds
    self.folder = folder
    self.workdir = workdir
    self.keys = keys
  }

  let maximumOutputPerStep: Int
  /// Whether `finish` has already waited for the sessions to exit.
  private var endedWaiting = false

  /// `{workdir}` replaced by the case's folder.
  private func substitute(_ text: String) -> String {
    workdir.isEmpty ? text : text.replacingEvery("{workdir}", with: workdir)
  }

  /// The case's folder written back as `{workdir}` in a text.
  private func unsubstitute(_ text: String) -> String {
    workdir.isEmpty ? text : text.replacingEvery(workdir, with: "{workdir}")
  }

  /// The case's folder in the SUT's answers written back as `{workdir}`, as the model has it.
  private func normalize(_ value: JSONValue) -> JSONValue {
    guard !workdir.isEmpty else { return value }
    switch value {
    case .string(let text): return .string(unsubstitute(text))
    case .array(let items): return .array(items.map(normalize))
    case .object(let pairs): return .object(pairs.map { ($0.key, normalize($0.value)) })
    default: return value
    }
  }

  func runSetup(_ setup: [String]) throws(AdapterError) {
    try anonymizing { () throws(AdapterError) in try runSetupProcess(setup) }
  }

  private func runSetupProcess(_ setup: [String]) throws(AdapterError) {
    let process = try ChildProcess.spawn(setup, environment: environment)
    process.closeInput()
    let output = SessionProcess(
      name: "setup", process: process, maximumOutputPerStep: maximumOutputPerStep)
    let deadline = Deadline(milliseconds: timeoutMilliseconds)
    while process.poll() == nil {
      guard !deadline.expired else {
        throw .timedOut(session: "setup", milliseconds: timeoutMilliseconds, after: "setup")
      }
      output.pump(timeout: deadline.remaining)
    }
    output.pump(timeout: 0)
    let status = process.poll() ?? -1
    guard status == 0 else {
      throw .setupFailed(status: status, output: output.stderrText + output.stdoutText)
    }
  }

  func send(_ step: Scenario.Step) throws(AdapterError) -> Observation {
    try anonymizing { () throws(AdapterError) in try sendInFolder(step) }
  }

  /// The case's folders written as `{workdir}` and `{cluster}` in a text: reports must not
  /// depend on where a case ran.
  private func anonymized(_ text: String) -> String {
    guard !workdir.isEmpty else { return text }
    return unsubstitute(text).replacingEvery(folder + "/cluster", with: "{cluster}")
  }

  /// Runs `body`, with the case's folders anonymized in the error it throws.
  private func anonymizing<T>(_ body: () throws(AdapterError) -> T) throws(AdapterError) -> T {
    do {
      return try body()
    } catch {
      throw error.mappingTexts(anonymized)
    }
  }

  private func sendInFolder(_ step: Scenario.Step) throws(AdapterError) -> Observation {
    if let action = step.action {
      guard let file = action.file else { return .done("the action names no file") }
      return .done(
        TokenFiles.perform(action, at: substitute(file), keys: keys).map(unsubstitute))
    }
    if step.isEndOfInput {
      guard let session = sessions.removeValue(forKey: step.session) else { return .ended }
      return try session.end(timeout: timeoutMilliseconds)
    }
    let session = try process(for: step.session)
    let line = substitute(step.line)
    let parsed = try? CommandLineParser.parse(Array(line.utf8))
    switch parsed {
    case .help?: return try session.help(line, timeout: timeoutMilliseconds)
    case .quit?:
      // A later step in this session starts a new process, as the model starts a new session.
      sessions[step.session] = nil
      return try session.end(writing: line, timeout: timeoutMilliseconds)
    default: break
    }
    var tokenPath: String?
    if case .command(let command)? = parsed { tokenPath = TokenFiles.tokenPath(of: command) }
    let keys = self.keys
    let answer = try session.command(line, answers: step.answers, timeout: timeoutMilliseconds) {
      answer throws(AdapterError) in
      guard let action = TokenAction.answerDirective(answer) else { return substitute(answer) }
      // Sign the unsigned file the SUT wrote; a SUT that wrote none then finds it unsigned.
      if let tokenPath { _ = TokenFiles.perform(action, at: tokenPath, keys: keys) }
      return ""
    }
    return .answer(normalize(answer))
  }

  func userList() throws(AdapterError) -> JSONValue {
    try anonymizing { () throws(AdapterError) in
      stateSessions += 1
      let name = SessionID("harness-state-\(stateSessions)")
      let session = try process(for: name)
      let answer = try session.command("user list", answers: [], timeout: timeoutMilliseconds)
      _ = try? session.end(timeout: timeoutMilliseconds)
      return answer
    }
  }

  /// Ends the sessions still open and checks their whole output for an answer left over: the
  /// contract has one JSON object per command, so one more means the answers and the commands
  /// were out of step (a banner object at start-up shifts every answer by one; the last real
  /// answer is then left over, however the timing falls).
  func finish() throws(AdapterError) {
    let open = Array(sessions.values)
    for session in open { session.process.closeInput() }
    let deadline = Deadline(milliseconds: min(timeoutMilliseconds, 2000))
    endedWaiting = true
    try anonymizing { () throws(AdapterError) in
      for session in open {
        while session.process.poll() == nil, !deadline.expired { session.pump(timeout: 20) }
        try session.checkNothingLeftOver()
      }
    }
  }

  func close() -> String {
    var stderr: [String] = []
    // End every session's input first, so that they all log out and exit at once.
    for session in started { session.process.closeInput() }
    // After `finish`, the sessions have had their wait: a hung one is not waited for twice.
    let deadline = Deadline(milliseconds: endedWaiting ? 0 : min(timeoutMilliseconds, 2000))
    for session in started {
      let name = session.name
      while session.process.poll() == nil, !deadline.expired { session.pump(timeout: 20) }
      session.process.terminate()
      session.pump(timeout: 0)
      let text = session.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty { stderr.append("[\(name)] " + text) }
    }
    sessions = [:]
    started = []
    try? FileManager.default.removeItem(atPath: folder)
    return anonymized(stderr.joined(separator: "\n"))
  }

  private func process(for name: SessionID) throws(AdapterError) -> SessionProcess {
    if let session = sessions[name] { return session }
    let session = SessionProcess(
      name: name.rawValue, process: try ChildProcess.spawn(argv, environment: environment),
      maximumOutputPerStep: maximumOutputPerStep)
    sessions[name] = session
    started.append(session)
    return session
  }
}

/// A monotonic deadline for poll(2) timeouts.
struct Deadline {
  let end: UInt64

  init(milliseconds: Int) {
    end = Deadline.now() + UInt64(max(0, milliseconds)) * 1_000_000
  }

  static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }

  var expired: Bool { Deadline.now() >= end }
  /// Milliseconds left, rounded up, at least 0.
  var remaining: Int32 {
    let now = Deadline.now()
    return now >= end ? 0 : Int32(min(UInt64(Int32.max), (end - now + 999_999) / 1_000_000))
  }
}

extension String {
  /// Every occurrence of `target` (compared as UTF-8 bytes) replaced by `replacement`.
  ///
  /// Foundation's `replacingOccurrences` goes through NSString; every step of a subprocess SUT
  /// substitutes its line and normalizes every string of its answer, and that bridging was a
  /// tenth of explore's own time. Texts without the target come back as they are.
  package func replacingEvery(_ target: String, with replacement: String) -> String {
    let pattern = Array(target.utf8)
    guard let first = pattern.first, utf8.count >= pattern.count, utf8.contains(first) else {
      return self
    }
    let bytes = Array(utf8)
    var result: [UInt8] = []
    var index = 0
    var copied = 0
    while index + pattern.count <= bytes.count {
      if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
        result += bytes[copied..<index]
        result += replacement.utf8
        index += pattern.count
        copied = index
      } else {
        index += 1
      }
    }
    guard copied > 0 else { return self }
    result += bytes[copied...]
    return String(decoding: result, as: UTF8.self)
  }
}
