/// The result of one test case, mapping one-to-one onto JUnit's elements.
///
/// `fail` carries the divergences that fail the run; a case whose only divergences are
/// unspecified passes, and its divergences are kept on the `CaseResult`. `error` means the
/// case could not be judged (the SUT crashed, hung or printed garbage): it is not a divergence.
/// Spec: house-style.md §4 "Verdicts".
package enum Verdict: Hashable, Sendable {
  case pass
  case fail
  case skipped(reason: String)
  case error(message: String)

  /// The word used in reports: `pass`, `fail`, `skipped`, `error`.
  package var word: String {
    switch self {
    case .pass: "pass"
    case .fail: "fail"
    case .skipped: "skipped"
    case .error: "error"
    }
  }
}
