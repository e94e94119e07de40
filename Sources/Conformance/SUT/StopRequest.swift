import Synchronization

/// A process-wide request to stop waiting for SUTs (the first Ctrl-C or SIGTERM of a
/// `harness run`): a step waiting for an answer ends within 100 ms with
/// `AdapterError.interrupted` instead of waiting out `timeout_ms`, which may be long.
///
/// Global on purpose: it stands for a signal, which reaches the whole process. Only the
/// harness's signal handling sets it; nothing clears it.
/// Spec: sut-contract.md §4 (exit codes); issue #4 "never loses a report".
package enum StopRequest {
  private static let flag = Atomic<Bool>(false)

  /// Asks every wait for a SUT to stop.
  package static func request() { flag.store(true, ordering: .relaxed) }

  /// Whether a stop was requested.
  package static var isRequested: Bool { flag.load(ordering: .relaxed) }
}
