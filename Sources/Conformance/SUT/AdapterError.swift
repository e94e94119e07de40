/// Why the harness could not get a judgeable answer from a SUT.
///
/// A SUT that *answers* with an error is an observation, not an `AdapterError`; these are for a
/// SUT that crashes, hangs, prints garbage or cannot be started. They become `error` verdicts.
/// Spec: house-style.md §4 "Adapter errors"; sut-contract.md §2.
package enum AdapterError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The program could not be started (bad path, not executable, …).
  case couldNotStart(program: String, reason: String)
  /// The `setup` command failed.
  case setupFailed(status: Int32, output: String)
  /// No answer within `timeout_ms`.
  case timedOut(session: String, milliseconds: Int, after: String)
  /// The session process ended before it answered.
  case processExited(session: String, status: Int32, after: String)
  /// The run was stopped (`StopRequest`) while the session was waited for.
  case interrupted(session: String, after: String)
  /// The session process closed its standard input or output (`stream`) but still runs.
  case streamClosed(session: String, stream: String, after: String)
  /// Bytes that are not JSON where a JSON object was being read.
  case malformedOutput(session: String, detail: String)
  /// A JSON object that is not `{"error_code": N, "data": …}`.
  case notAnEnvelope(session: String, text: String)
  /// An IAM endpoint gave no judgeable reply to a request (refused connection, timeout, a reply
  /// that is not IAM's XML): the step, and what went wrong.
  case http(step: String, detail: String)

  /// The error with `transform` applied to every text it holds (the case's folders written as
  /// `{workdir}` and `{cluster}`, so that reports do not depend on where the case ran).
  package func mappingTexts(_ r: (String) -> String) -> AdapterError {
    switch self {
    case .couldNotStart(let program, let reason):
      .couldNotStart(program: r(program), reason: r(reason))
    case .setupFailed(let status, let output): .setupFailed(status: status, output: r(output))
    case .timedOut(let session, let milliseconds, let after):
      .timedOut(session: session, milliseconds: milliseconds, after: r(after))
    case .processExited(let session, let status, let after):
      .processExited(session: session, status: status, after: r(after))
    case .streamClosed(let session, let stream, let after):
      .streamClosed(session: session, stream: stream, after: r(after))
    case .interrupted(let session, let after): .interrupted(session: session, after: r(after))
    case .malformedOutput(let session, let detail):
      .malformedOutput(session: session, detail: r(detail))
    case .notAnEnvelope(let session, let text): .notAnEnvelope(session: session, text: r(text))
    case .http(let step, let detail): .http(step: step, detail: r(detail))
    }
  }

  package var description: String {
    switch self {
    case .couldNotStart(let program, let reason): "could not start \(program): \(reason)"
    case .setupFailed(let status, let output):
      "setup exited with status \(status)"
        + (output.isEmpty ? "" : ": \(Comparator.bounded(output))")
    case .timedOut(let session, let milliseconds, let after):
      "session [\(session)] gave no answer within \(milliseconds) ms after '\(after)'"
    case .processExited(let session, let status, let after):
      "session [\(session)] exited with status \(status) before answering '\(after)'"
    case .streamClosed(let session, let stream, let after):
      "session [\(session)] closed its standard \(stream) (the process still runs) before "
        + "answering '\(after)'"
    case .interrupted(let session, let after):
      "the run was interrupted while session [\(session)] was answering '\(after)'"
    case .malformedOutput(let session, let detail):
      "session [\(session)] printed output that is not JSON: \(Comparator.bounded(detail))"
    case .notAnEnvelope(let session, let text):
      "session [\(session)] answered a JSON object without an integer error_code: \(text)"
    case .http(let step, let detail): "\(step): \(detail)"
    }
  }
}
