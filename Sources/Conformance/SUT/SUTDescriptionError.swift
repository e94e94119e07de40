/// Why a SUT description file was refused, and where, as a compiler would say it.
///
/// Every error names the file, a 1-based line and a column (counted in characters), and
/// renders as `FILE:LINE:COLUMN: error: MESSAGE`, then the offending source line and a caret
/// under the column. An unreadable file has no source: it is placed at 1:1 and rendered as
/// the first line alone. The position is of the thing at fault: the key for an unknown key,
/// the value for a wrong type or a bad value, the enclosing object's `{` for a missing key.
/// Spec: sut-contract.md §1 ("Unknown keys are an error that names the key"), §4 (exit 2).
package struct SUTDescriptionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of mistake, with what is needed to explain it.
  package enum Kind: Hashable, Sendable {
    /// The file could not be read; `reason` is the operating system's (`strerror`).
    case unreadable(reason: String)
    /// The file is not JSON, as `JSONReader` says.
    case syntax(JSONReadError)
    /// The document, or the value at `key`, is not an object. `key` is empty for the document.
    case notAnObject(key: String, found: String)
    /// A key the description does not have (for its profile); `expected` lists those it has.
    case unknownKey(String, expected: [String])
    /// The value at `key` (a path such as `admin.region` or `session[1]`) has the wrong type.
    case wrongType(key: String, expected: String, found: String)
    /// A required key is absent (`key` is its path).
    case missingKey(String)
    /// `profile` names no profile.
    case invalidProfile(String)
    /// An argv (`session`, `setup`) is empty, so there is no program to run.
    case emptyArgv(key: String)
    /// `timeout_ms` is not in 1…`SUTDescription.maximumTimeoutMilliseconds`.
    case timeoutOutOfRange(Int64)
    /// The value at `key` has the right type but cannot be used; `reason` says why.
    case invalidValue(key: String, reason: String)
  }

  package var kind: Kind
  package var file: String
  package var line: Int
  package var column: Int
  /// The text of the line the error is on (without its line break); `nil` for no source.
  package var sourceLine: String?

  /// An error at byte `offset` of the file's `bytes`.
  package init(_ kind: Kind, file: String, bytes: [UInt8], offset: Int) {
    let position = TextPosition.of(offset: offset, in: bytes)
    self.kind = kind
    self.file = file
    self.line = position.line
    self.column = position.column
    let clamped = min(max(0, offset), bytes.count)
    let start = bytes[..<clamped].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    var end = bytes[clamped...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    self.sourceLine = String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// An error about the file as a whole, at line 1, column 1, with no source line.
  package init(_ kind: Kind, file: String) {
    self.kind = kind
    self.file = file
    self.line = 1
    self.column = 1
    self.sourceLine = nil
  }

  /// The explanation without the position.
  package var message: String {
    switch kind {
    case .unreadable(let reason):
      "cannot read the SUT description: \(reason)"
    case .syntax(let error):
      "invalid JSON: \(error.message)"
    case .notAnObject(let key, let found) where key.isEmpty:
      "a SUT description must be a JSON object, found \(found)"
    case .notAnObject(let key, let found):
      "\"\(key)\" must be an object, found \(found)"
    case .unknownKey(let key, let expected):
      "unknown key \"\(key)\"; expected one of: \(expected.joined(separator: ", "))"
    case .wrongType(let key, let expected, let found):
      "\"\(key)\" must be \(expected), found \(found)"
    case .missingKey(let key):
      "missing required key \"\(key)\""
    case .invalidProfile(let value):
      "invalid profile \"\(value)\"; expected one of: "
        + SUTDescription.Profile.names.map { "\"\($0)\"" }.joined(separator: ", ")
    case .emptyArgv(let key):
      "\"\(key)\" must not be empty: its first element is the program to run"
    case .timeoutOutOfRange(let value):
      "\"timeout_ms\" must be a number of milliseconds from 1 to "
        + "\(SUTDescription.maximumTimeoutMilliseconds) (24 hours), found \(value)"
    case .invalidValue(let key, let reason):
      "\"\(key)\" \(reason)"
    }
  }

  /// `FILE:LINE:COLUMN: error: MESSAGE`, then the source line and a caret under the column.
  package var description: String {
    let heading = "\(file):\(line):\(column): error: \(message)"
    guard let sourceLine else { return heading }
    // Keep tabs so that the caret lines up however the terminal sets its tab stops.
    let padding = sourceLine.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }
    return heading + "\n" + sourceLine + "\n" + padding.joined() + "^"
  }
}
