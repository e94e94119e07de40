/// A property of a reader at the system boundary (`JSONStreamReader`, `TokenFileReader`) that
/// one fuzz input broke, and how.
///
/// `kind` is a short stable name (the de-duplication key of a finding); `detail` says what was
/// seen. It mirrors the `Fuzz` module's `PropertyViolation`, which Conformance cannot import;
/// the checks of the readers that use json-c live in Conformance and return this.
/// Spec: house-style.md §6 ("each target is a pure check that returns violations").
package struct ReaderViolation: Hashable, Sendable, CustomStringConvertible {
  package var kind: String
  package var detail: String

  package init(kind: String, detail: String) {
    self.kind = kind
    self.detail = detail
  }

  package var description: String { "\(kind): \(detail)" }
}
