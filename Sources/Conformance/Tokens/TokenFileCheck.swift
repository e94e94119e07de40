package import ReferenceModel

/// The check behind the `TokenFile` fuzz target: `TokenFileReader` never traps, places its
/// errors inside the file, reads back what it writes, and a signed token that was changed never
/// verifies.
///
/// It lives here, beside the reader, because the reader uses json-c and `Fuzz` may import only
/// ReferenceModel; the `FuzzTokenFile` glue calls it. The input is read as a token file; the
/// reader tells the two kinds (MFA/registration and quorum) apart by their keys, so one read
/// tries the input as whichever kind it looks like. Then:
/// 1. a rejection names the file and a line and column inside it; a JSON syntax error's offset
///    is in the input and its line and column are those of the offset;
/// 2. an accepted file, written back (`write`, the writer the harness stores token files
///    with), reads as an equal value, and writing that again gives the same bytes;
/// 3. a copy signed with symbolic keys (`checkSignatures`) is written back likewise, verifies,
///    and stops verifying once one of its protected bytes, chosen by the input, is changed.
///
/// `verifier` and `write` are the parts under test; the defaults are the real ones, and tests
/// pass broken ones to see the check fail. No swift-crypto: the keys are `KeyRing.symbolic`.
/// Spec: issue #7 ("token file: never traps; an accepted token file written back reads the
/// same; a token whose bytes or signature were changed never verifies"); house-style.md §6;
/// spec-digest.md §3.
package func checkTokenFile(
  _ bytes: UnsafeRawBufferPointer, verifier: SignatureVerifier = .symbolic,
  write: (TokenFile) -> [UInt8] = TokenFileReader.write
) -> [ReaderViolation] {
  let input = Array(bytes)
  let file: TokenFile
  do {
    file = try TokenFileReader.read(input, file: TokenFileCheck.fileName)
  } catch {
    return TokenFileCheck.checkPosition(error, in: input)
  }
  return TokenFileCheck.checkWriteBack(file, write: write)
    + TokenFileCheck.checkSignatures(
      file, choice: TokenFileCheck.choice(input), verifier: verifier, write: write)
}

/// The parts of `checkTokenFile` (`package` for the tests that break its witnesses).
///
/// Spec: issue #7.
package enum TokenFileCheck {
  /// The name the check reads its input under; every error must carry it.
  static let fileName = "token.json"

  /// A rejection must be inside the file: its line exists and its column is at most one past
  /// that line's last character; a JSON syntax error must be where its offset is, as the
  /// SUTOutput check requires of the stream reader's errors, and the file error at the same
  /// place.
  static func checkPosition(_ error: TokenFileReadError, in bytes: [UInt8]) -> [ReaderViolation] {
    var problems: [String] = []
    if error.file != fileName { problems.append("it names the file '\(error.file)'") }
    if !isInside(line: error.line, column: error.column, of: bytes) {
      problems.append("\(error.line):\(error.column) is outside the \(bytes.count)-byte file")
    }
    var violations: [ReaderViolation] = []
    switch error.kind {
    case .syntax(let inner):
      violations = StreamReading.checkPositions([.failure(inner)], in: bytes)
      if inner.line != error.line || inner.column != error.column {
        problems.append("the JSON error is at \(inner.line):\(inner.column)")
      }
    case .unreadable(let reason): problems.append("bytes in memory are 'unreadable': \(reason)")
    case .value: break
    }
    guard !problems.isEmpty else { return violations }
    return violations + [
      ReaderViolation(
        kind: "error-position",
        detail: "\(error.description.debugDescription): " + problems.joined(separator: "; "))
    ]
  }

  /// Whether `line:column` (1-based, columns in Unicode scalars as `TextPosition` counts them)
  /// is a character of `bytes`, a line's end, or the end of the file.
  package static func isInside(line: Int, column: Int, of bytes: [UInt8]) -> Bool {
    guard line >= 1, column >= 1 else { return false }
    var position = TextPosition()
    var widest = 0
    for byte in bytes {
      if position.line == line { widest = max(widest, position.column) }
      position.advance(over: byte)
    }
    if position.line == line { widest = max(widest, position.column) }
    return line <= position.line && column <= widest
  }

  /// Written back, `file` reads as itself, and writing that gives the same bytes again.
  static func checkWriteBack(_ file: TokenFile, write: (TokenFile) -> [UInt8])
    -> [ReaderViolation]
  {
    let text = write(file)
    let shown = String(decoding: text, as: UTF8.self).debugDescription
    let again: TokenFile
    do {
      again = try TokenFileReader.read(text, file: fileName)
    } catch {
      return [
        ReaderViolation(
          kind: "written-file-rejected", detail: "\(file) written as \(shown) reads as \(error)")
      ]
    }
    var violations: [ReaderViolation] = []
    if again != file {
      violations.append(
        ReaderViolation(kind: "round-trip", detail: "\(file) written as \(shown) reads as \(again)")
      )
    }
    let rewritten = write(again)
    if rewritten != text {
      violations.append(
        ReaderViolation(
          kind: "not-a-fixed-point",
          detail: "\(shown) reads back and is written as "
            + String(decoding: rewritten, as: UTF8.self).debugDescription))
    }
    return violations
  }

  /// A number drawn from the whole input (FNV-1a), which picks the byte to change.
  static func choice(_ input: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in input {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
