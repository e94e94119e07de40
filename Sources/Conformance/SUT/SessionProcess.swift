import Glibc
import ReferenceModel

/// One session process and what it has printed: JSON answers, other text, standard error.
///
/// Spec: sut-contract.md §2 (answers, questions, end of input).
package final class SessionProcess {
  let name: String
  let process: ChildProcess
  private var reader = JSONStreamReader()
  private var documents: [Result<JSONValue, JSONReadError>] = []
  /// Standard output since the last line was written (questions and help text are read here).
  private var recent: [UInt8] = []
  private var stdoutTail: [UInt8] = []
  private var stderrBytes: [UInt8] = []
  /// One read buffer for the session's life (allocating 64 KiB per read showed in profiles).
  private var buffer = [UInt8](repeating: 0, count: 65536)
  private var stdoutClosed = false
  private var stderrClosed = false
  private static let keep = 64 * 1024
  /// The most standard output a step may print before its answer is complete: a SUT that
  /// prints without end (`yes`, say) is an error of that step, not a harness out of memory.
  package static let defaultMaximumOutputPerStep = 8 * 1024 * 1024
  let maximumOutputPerStep: Int
  /// The longest line taken for a question (contract §2: "a line of text ending in `:`").
  static let longestQuestion = 4096
  /// Standard output bytes since the last line was written.
  private var receivedSinceSend = 0

  init(
    name: String, process: ChildProcess,
    maximumOutputPerStep: Int = SessionProcess.defaultMaximumOutputPerStep
  ) {
    self.name = name
    self.process = process
    self.maximumOutputPerStep = maximumOutputPerStep
  }

  var stderrText: String { String(decoding: stderrBytes, as: UTF8.self) }
  var stdoutText: String { String(decoding: stdoutTail, as: UTF8.self) }

  /// Sends a command line and returns its JSON envelope, answering questions on the way.
  /// `resolve` turns each answer into the text sent, when its question comes (token-sign
  /// answers sign the file the command just wrote).
  func command(
    _ line: String, answers: [String], timeout: Int,
    resolve: (String) throws(AdapterError) -> String = { $0 }
  ) throws(AdapterError) -> JSONValue {
    try send(line + "\n")
    var answers = answers[...]
    var unanswered: String?
    var deadline = Deadline(milliseconds: timeout)
    var waited = timeout
    while true {
      if let document = try nextDocument() {
        guard case .int? = document["error_code"] else {
          throw .notAnEnvelope(session: name, text: String(document.compactText.prefix(200)))
        }
        return document
      }
      if let question = pendingQuestion() {
        recent = []
        if let answer = answers.popFirst() {
          try send(try resolve(answer) + "\n")
        } else {
          // The SUT now waits for input the step does not have: give it a moment to print
          // more (the text may not have been a question), then report instead of hanging.
          unanswered = question
          waited = min(timeout, 500)
          deadline = Deadline(milliseconds: waited)
        }
      }
      try checkAlive(after: line)
      try checkStillWaiting(after: line)
      guard !deadline.expired else {
        let detail = unanswered.map { " (it asked '\($0)' and the step has no answer left)" } ?? ""
        throw .timedOut(session: name, milliseconds: waited, after: line + detail)
      }
      // At most 100 ms at a time: a process that exits while a helper holds its output open
      // gives no end of file to wake on (`checkAlive`).
      pump(timeout: min(deadline.remaining, 100))
    }
  }

  /// Sends a help line followed by a `user list` probe; the help text is whatever comes before
  /// the probe's answer, and any JSON objects before it were printed for the help line.
  func help(_ line: String, timeout: Int) throws(AdapterError) -> Observation {
    try send(line + "\nuser list\n")
    var json: [JSONValue] = []
    let deadline = Deadline(milliseconds: timeout)
    while true {
      if let document = try nextDocument() {
        if document["data"]?["users"] != nil {
          return .help(text: String(decoding: recent, as: UTF8.self), json: json)
        }
        json.append(document)
      }
      try checkAlive(after: line)
      try checkStillWaiting(after: line)
      guard !deadline.expired else {
        throw .timedOut(
          session: name, milliseconds: timeout, after: line + " (and a user list probe)")
      }
      // At most 100 ms at a time: a process that exits while a helper holds its output open
      // gives no end of file to wake on (`checkAlive`).
      pump(timeout: min(deadline.remaining, 100))
    }
  }

  /// Closes standard input (after writing `line`, if any) and waits for the process to exit.
  func end(writing line: String? = nil, timeout: Int) throws(AdapterError) -> Observation {
    if let line { _ = process.write(Array((line + "\n").utf8)) }
    process.closeInput()
    let deadline = Deadline(milliseconds: timeout)
    while process.poll() == nil {
      try checkStillWaiting(after: line ?? Scenario.endOfInput)
      guard !deadline.expired else {
        throw .timedOut(session: name, milliseconds: timeout, after: line ?? Scenario.endOfInput)
      }
      pump(timeout: min(deadline.remaining, 50))
    }
    pump(timeout: 0)
    return .ended
  }

  /// Reads whatever standard output and error have, waiting up to `timeout` ms for something.
  @discardableResult
  func pump(timeout: Int32) -> Bool {
    var fds: [pollfd] = []
    if !stdoutClosed { fds.append(pollfd(fd: process.stdoutFD, events: Int16(POLLIN), revents: 0)) }
    if !stderrClosed { fds.append(pollfd(fd: process.stderrFD, events: Int16(POLLIN), revents: 0)) }
    guard !fds.isEmpty else {
      // Both pipes are closed: the process is exiting. Wait a little instead of spinning,
      // but not a whole millisecond: every session that ends pays this wait (issue #5).
      if timeout > 0 { usleep(100) }
      return false
    }
    let ready = Glibc.poll(&fds, nfds_t(fds.count), timeout)
    guard ready > 0 else { return false }
    for entry in fds where entry.revents != 0 {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      let bytes = count > 0 ? Array(buffer[0..<count]) : []
      if entry.fd == process.stdoutFD {
        if count <= 0 { stdoutClosed = true } else { receive(bytes) }
      } else {
        if count <= 0 { stderrClosed = true } else { Self.append(bytes, to: &stderrBytes) }
      }
    }
    return true
  }

  private func receive(_ bytes: [UInt8]) {
    receivedSinceSend += bytes.count
    // Past the limit, the bytes are dropped: the step fails on `checkStillWaiting`.
    guard receivedSinceSend <= maximumOutputPerStep else { return }
    documents += reader.feed(bytes)
    recent += bytes
    Self.append(bytes, to: &stdoutTail)
  }

  private static func append(_ bytes: [UInt8], to buffer: inout [UInt8]) {
    buffer += bytes
    if buffer.count > keep { buffer.removeFirst(buffer.count - keep) }
  }

  /// An answer that arrived after the last command had its own: the SUT's answers and the
  /// commands are out of step (a banner object at start-up, say). Reads what is already there
  /// first.
  func checkNothingLeftOver() throws(AdapterError) {
    while !stdoutClosed, receivedSinceSend <= maximumOutputPerStep, pump(timeout: 0) {}
    guard !documents.isEmpty else { return }
    let extra = (try? nextDocument())?.compactText ?? "malformed"
    throw .malformedOutput(
      session: name,
      detail: "an extra JSON object that answers no command: \(extra.prefix(200)) (the answers "
        + "and the commands were out of step)")
  }

  private func send(_ text: String) throws(AdapterError) {
    // Whatever arrived since the last answer first: an extra object is found here, not taken
    // as this command's answer.
    try checkNothingLeftOver()
    recent = []
    receivedSinceSend = 0
    guard process.write(Array(text.utf8)) else {
      pump(timeout: 100)
      let line = String(text.prefix { $0 != "\n" })
      // A process that just exited closes its pipes a moment before its status is there.
      let deadline = Deadline(milliseconds: 1000)
      while process.poll() == nil, !deadline.expired { pump(timeout: 20) }
      guard let status = process.poll() else {
        throw .streamClosed(session: name, stream: "input", after: line)
      }
      throw .processExited(session: name, status: status, after: line)
    }
  }

  private func nextDocument() throws(AdapterError) -> JSONValue? {
    guard !documents.isEmpty else { return nil }
    switch documents.removeFirst() {
    case .success(let value): return value
    case .failure(let error): throw .malformedOutput(session: name, detail: error.description)
    }
  }

  /// The question at the end of the output, if the output ends with one: a line of text that
  /// ends in `:` (then perhaps a newline) and holds no JSON punctuation.
  private func pendingQuestion() -> String? {
    // The question may or may not be followed by a newline (contract §2: "a line of text
    // ending in `:`").
    var end = recent.count
    while end > 0, [0x20, 0x09, 0x0D, 0x0A].contains(recent[end - 1]) { end -= 1 }
    guard end > 0, recent[end - 1] == UInt8(ascii: ":") else { return nil }
    // A question is a short line: a longer one (a 50 MB line ending in `:`) is not asked, and
    // neither scanned again on every read nor quoted whole in an error.
    var start = end
    while start > 0, recent[start - 1] != UInt8(ascii: "\n") {
      start -= 1
      guard end - start <= Self.longestQuestion else { return nil }
    }
    let line = recent[start..<end]
    guard !line.contains(where: { "\"{}[]".utf8.contains($0) }) else { return nil }
    return String(decoding: line, as: UTF8.self).trimmingSpaces
  }

  /// What ends any wait for a session before its deadline: more output than a step may print,
  /// or a stopped run (`StopRequest`).
  private func checkStillWaiting(after line: String) throws(AdapterError) {
    if receivedSinceSend > maximumOutputPerStep {
      throw .malformedOutput(
        session: name,
        detail: "more than \(maximumOutputPerStep / 1024) KiB of output after '\(line)' "
          + "without a complete answer")
    }
    if StopRequest.isRequested { throw .interrupted(session: name, after: line) }
  }

  private func checkAlive(after line: String) throws(AdapterError) {
    guard stdoutClosed else {
      // Exited while a helper it started still holds standard output open: read what is
      // there (the answer may be in the pipe), then report the exit, not a timeout.
      guard process.poll() != nil, !pump(timeout: 0) else { return }
      throw .processExited(session: name, status: process.poll() ?? -1, after: line)
    }
    let deadline = Deadline(milliseconds: 1000)
    while process.poll() == nil, !deadline.expired { pump(timeout: 20) }
    guard let status = process.poll() else {
      throw .streamClosed(session: name, stream: "output", after: line)
    }
    throw .processExited(session: name, status: status, after: line)
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var result = Substring(self)
    while let last = result.last, last == " " || last == "\t" || last == "\r" {
      result.removeLast()
    }
    while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
    return String(result)
  }
}
