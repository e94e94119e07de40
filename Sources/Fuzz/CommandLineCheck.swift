import ReferenceModel

/// One broken property found by a fuzz check.
///
/// `kind` is a short stable name (used to de-duplicate findings); `detail` says what was seen.
/// Spec: house-style.md §6 "Logic in Fuzz".
package struct PropertyViolation: Hashable, Sendable, CustomStringConvertible {
  package var kind: String
  package var detail: String

  package init(kind: String, detail: String) {
    self.kind = kind
    self.detail = detail
  }

  package var description: String { "\(kind): \(detail)" }
}

/// Checks the command-line parser's properties on one input: it never traps; a rejection's
/// offset and length stay within the line (`0 ≤ offset ≤ count`, `offset + length ≤ count + 1`)
/// and it renders; an accepted line's canonical text parses back to the same value, and is a
/// fixed point of print ∘ parse; an accepted command, applied to the model in each of
/// `ReferenceClusters.all`, keeps the model's invariants (see `checkCommandOnModel`).
///
/// `syntax` is the parser under test: `.reference` (the real one) everywhere except in the
/// fuzz build made with `-DFUZZ_INJECT_BUG`, which passes `.injectedBug` to show that the
/// target finds a parser bug.
/// Spec: house-style.md §6; rules HSM-SYNTAX-*.
package func checkCommandLine(
  _ bytes: UnsafeRawBufferPointer, _ syntax: CommandLineSyntax = .reference
) -> [PropertyViolation] {
  let line = Array(bytes)
  let input: CommandLineInput
  do {
    input = try syntax.parse(line)
  } catch {
    return checkRejection(error, line: line)
  }
  let text = input.canonicalText
  let reparsed: CommandLineInput
  do {
    reparsed = try syntax.parse(Array(text.utf8))
  } catch {
    return [
      PropertyViolation(
        kind: "canonical-text-rejected",
        detail: "\(input) printed as \(text.debugDescription) fails: \(error.message)")
    ]
  }
  var violations: [PropertyViolation] = []
  if reparsed != input {
    violations.append(
      PropertyViolation(
        kind: "round-trip",
        detail: "\(input) printed as \(text.debugDescription) reparses as \(reparsed)"))
  }
  let reprinted = reparsed.canonicalText
  if reprinted != text {
    violations.append(
      PropertyViolation(
        kind: "not-a-fixed-point",
        detail: "\(text.debugDescription) reprints as \(reprinted.debugDescription)"))
  }
  if case .command(let command) = input {
    violations += checkCommandOnModel(command)
  }
  return violations
}

private func checkRejection(_ error: CommandLineError, line: [UInt8]) -> [PropertyViolation] {
  var violations: [PropertyViolation] = []
  let inBounds =
    error.offset >= 0 && error.offset <= line.count && error.length >= 0
    && error.offset + error.length <= line.count + 1
  if !inBounds {
    violations.append(
      PropertyViolation(
        kind: "error-out-of-bounds",
        detail: "\(error.kind) at \(error.offset)+\(error.length) in a \(line.count)-byte line"))
  }
  // As bytes: its first seven, not `hasPrefix` (grapheme-aware, and ten times the cost), and no
  // `String` made (validating the rendering as UTF-8 was a tenth of its cost).
  let rendered = error.renderedBytes(line: line)
  if !rendered.starts(with: "error: ".utf8) {
    violations.append(
      PropertyViolation(
        kind: "render",
        detail: "rendering lacks 'error: ': \(String(decoding: rendered, as: UTF8.self))"))
  }
  return violations
}
