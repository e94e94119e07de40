/// Why a `report.json` or baseline file was refused, placed in the file as a compiler would.
///
/// Renders as `FILE:LINE:COLUMN: error: MESSAGE`. A syntax error takes `JSONReadError`'s line
/// and column; a structural error (`ReportFormatError`) is placed with `JSONLocator`: at the
/// key for an unknown key, at the value for a wrong type, at the enclosing object's `{` for a
/// missing key. Lines are 1-based; columns count characters.
/// Spec: sut-contract.md §4 (input errors are exit code 2); house-style.md §4 (parse errors).
package struct ReportFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong with the file.
  package enum Kind: Hashable, Sendable {
    /// The file is not JSON.
    case syntax(JSONReadError)
    /// The file is JSON, but not a report or a baseline.
    case format(ReportFormatError)
  }

  package var kind: Kind
  package var file: String
  package var line: Int
  package var column: Int

  package init(_ kind: Kind, file: String, line: Int, column: Int) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
  }

  /// A syntax error, at json-c's position.
  package init(_ error: JSONReadError, file: String) {
    self.init(.syntax(error), file: file, line: error.line, column: error.column)
  }

  /// A structural error, placed in `bytes` (the file's text) by its path.
  package init(_ error: ReportFormatError, file: String, bytes: [UInt8]) {
    let locator = JSONLocator(bytes)
    let offset: Int?
    if case .unknownKey = error.kind {
      offset = locator.keyOffset(at: error.path)
    } else {
      offset = locator.valueOffset(at: error.path)
    }
    let position = TextPosition.of(offset: offset ?? 0, in: bytes)
    self.init(.format(error), file: file, line: position.line, column: position.column)
  }

  /// The explanation without the position.
  package var message: String {
    switch kind {
    case .syntax(let error): "invalid JSON: \(error.message)"
    case .format(let error): error.message
    }
  }

  package var description: String { "\(file):\(line):\(column): error: \(message)" }
}
